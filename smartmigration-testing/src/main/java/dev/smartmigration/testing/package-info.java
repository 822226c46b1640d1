/**
 * Test servers for smartmigration's own tests and for applications testing their migrations: an embedded MongoDB
 * (mongo-java-server) and an embedded S3 (S3Proxy, made per-object atomic like Amazon S3) on random loopback ports,
 * or real servers named by environment variables, handed to JUnit 5 tests by {@link
 * dev.smartmigration.testing.MongoTestServerExtension} and {@link dev.smartmigration.testing.S3TestServerExtension}.
 *
 * <table>
 *   <caption>Environment variables that point the tests at real servers</caption>
 *   <tr><th>variable</th><th>meaning</th></tr>
 *   <tr><td>{@code SMARTMIGRATION_TEST_MONGODB_URI}</td><td>a MongoDB connection string</td></tr>
 *   <tr><td>{@code SMARTMIGRATION_TEST_S3_ENDPOINT}</td><td>an S3 endpoint URL, with
 *       {@code SMARTMIGRATION_TEST_S3_BUCKET}, {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and
 *       optionally {@code AWS_REGION}</td></tr>
 * </table>
 *
 * <p>The MongoDB and S3 libraries are optional dependencies of this module: a test brings those of the store it
 * uses.
 */
package dev.smartmigration.testing;
