package dev.smartmigration.testing;

/**
 * An empty bucket no other test uses, made for the test that asks for it: the S3 counterpart of the
 * {@code MongoDatabase} {@link MongoTestServerExtension} hands out. The test method and its {@code @BeforeEach} and
 * {@code @AfterEach} share it.
 *
 * <pre>{@code
 * @ExtendWith(S3TestServerExtension.class)
 * class ExportsMigrationTest {
 *     @TestResource S3Client s3;
 *     @TestResource TestBucket bucket;
 *
 *     @Test
 *     void movesTheExports() {
 *         s3.putObject(b -> b.bucket(bucket.name()).key("exports/a.csv"), RequestBody.fromString("a"));
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>On a real endpoint whose credentials may not create buckets, a test that asks for one is skipped (see
 * {@link S3TestServer#createBucket()}).
 *
 * @param name the bucket's name
 */
public record TestBucket(String name) {
}
