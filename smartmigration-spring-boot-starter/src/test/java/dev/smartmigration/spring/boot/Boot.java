package dev.smartmigration.spring.boot;

import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.testing.MongoTestServer;
import java.util.Arrays;
import org.bson.Document;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

/**
 * What the tests need that differs between Spring Boot 4 and 3.5, chosen by which classes are on the class path, so
 * that the same tests run against both (smartmigration-spring-boot3-tests runs them against Boot 3.5).
 */
public final class Boot {

    /** Whether this run has Spring Boot 4 (else 3.5). */
    public static final boolean FOUR =
            ClassUtils.isPresent("org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration", null);

    /** Spring Boot's MongoDB connection string property. */
    public static final String MONGO_URI = FOUR ? "spring.mongodb.uri" : "spring.data.mongodb.uri";

    /** Spring Boot's MongoDB database property. */
    public static final String MONGO_DATABASE = FOUR ? "spring.mongodb.database" : "spring.data.mongodb.database";

    private Boot() {
    }

    /** @return Boot's MongoDB client auto-configuration and smartmigration's */
    public static AutoConfigurations mongoAndSmartMigration() {
        return AutoConfigurations.of(classes(FOUR ? "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration"
                : "org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration",
                SmartMigrationAutoConfiguration.class.getName()));
    }

    /** @return Boot's Spring Data MongoDB auto-configuration (the database factory and MongoTemplate) */
    public static AutoConfigurations dataMongo() {
        return AutoConfigurations.of(classes(FOUR ? "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration"
                : "org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration"));
    }

    /**
     * @param server the run's MongoDB
     * @param database the test's own database
     * @return Boot's properties that point its MongoDB auto-configuration there
     */
    public static String[] mongoProperties(MongoTestServer server, String database) {
        return new String[] {MONGO_URI + "=" + server.uri(), MONGO_DATABASE + "=" + database};
    }

    /**
     * @param server   the run's MongoDB
     * @param database the test's own database
     * @return a context with Boot's MongoDB client and smartmigration's auto-configurations, pointed at
     *         {@code database}, and the {@link #usersChain()}
     */
    public static ApplicationContextRunner usersRunner(MongoTestServer server, String database) {
        return runner(server, database, usersChain());
    }

    /**
     * @param server   the run's MongoDB
     * @param database the test's own database
     * @param chain    the application's migrations
     * @return a context with Boot's MongoDB client and smartmigration's auto-configurations, pointed at
     *         {@code database}, and {@code chain}
     */
    public static ApplicationContextRunner runner(MongoTestServer server, String database, MigrationChain chain) {
        return new ApplicationContextRunner()
                .withConfiguration(mongoAndSmartMigration())
                .withPropertyValues(mongoProperties(server, database))
                .withBean(MigrationChain.class, () -> chain);
    }

    /**
     * Keeps the context from closing a client the test server shares with other tests.
     *
     * @param definition a client bean's definition
     */
    public static void notClosedByContext(org.springframework.beans.factory.config.BeanDefinition definition) {
        ((AbstractBeanDefinition) definition).setDestroyMethodName("");
    }

    /**
     * Two steps over MongoDB: 1.0.0 -> 1.1.0 creates user ada, 1.1.0 -> 1.2.0 gives her an e-mail address.
     *
     * @return the chain
     */
    public static MigrationChain usersChain() {
        return MigrationChain.builder()
                .step("create-users").from("1.0.0").to("1.1.0").description("User ada")
                .up(ctx -> ctx.mongo().getCollection("users").insertOne(new Document("_id", "ada").append("name", "Ada")))
                .step("add-emails").from("1.1.0").to("1.2.0").description("E-mail addresses")
                .up(ctx -> ctx.mongo().getCollection("users").updateOne(new Document("_id", "ada"),
                        new Document("$set", new Document("email", "ada@example.com"))))
                .build();
    }

    private static Class<?>[] classes(String... names) {
        return Arrays.stream(names).map(n -> ClassUtils.resolveClassName(n, null)).toArray(Class<?>[]::new);
    }
}
