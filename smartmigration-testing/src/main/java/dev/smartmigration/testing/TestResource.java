package dev.smartmigration.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an instance field that {@link MongoTestServerExtension} or {@link S3TestServerExtension} fills before each
 * test, with what it would pass to a parameter of the field's type: {@link MongoTestServer}, {@code MongoClient},
 * {@code MongoDatabase} (a database of the test's own), {@link S3TestServer} or {@code S3Client}. A test class then
 * needs no set-up method:
 *
 * <pre>{@code
 * @ExtendWith(MongoTestServerExtension.class)
 * class OrdersMigrationTest {
 *     @TestResource MongoClient client;
 *     @TestResource MongoDatabase db;
 *
 *     @Test
 *     void backfillsTheCustomerId() {
 *         db.getCollection("orders").insertOne(new Document("customer", "c-1"));
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>A {@code @TestResource} field of another type, or a static or final one, fails the test before it runs.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface TestResource {
}
