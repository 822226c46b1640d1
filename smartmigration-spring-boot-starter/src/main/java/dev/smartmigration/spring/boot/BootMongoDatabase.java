package dev.smartmigration.spring.boot;

/**
 * The MongoDB database Spring Boot's own MongoDB auto-configuration uses: {@code spring.mongodb.database} (Boot 4) or
 * {@code spring.data.mongodb.database} (Boot 3), else the database of the connection details' connection string. Its
 * types moved between Boot 3 and 4, so each version has its own implementation ({@link Boot4Support}, and
 * {@code Boot3Support} compiled against Boot 3.5).
 */
@FunctionalInterface
interface BootMongoDatabase {

    /** @return the database name, or {@code null} when Boot names none */
    String name();
}
