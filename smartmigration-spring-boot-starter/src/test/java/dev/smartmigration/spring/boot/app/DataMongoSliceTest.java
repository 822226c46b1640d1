package dev.smartmigration.spring.boot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartmigration.spring.boot.SmartMigrationInitializer;
import dev.smartmigration.testing.MongoTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The {@code @DataMongoTest} slice migrates like the application, and one property turns that off. The slice's
 * annotation moved between Boot versions: {@link MongoSliceTest} is Boot 4's here and Boot 3.5's in
 * smartmigration-spring-boot3-tests.
 */
class DataMongoSliceTest {

    private static final MongoTestServer MONGO = MongoTestServer.start();

    @AfterAll
    static void stopMongo() {
        MONGO.close();
    }

    static void mongo(DynamicPropertyRegistry registry, String database) {
        registry.add(dev.smartmigration.spring.boot.Boot.MONGO_URI, MONGO::uri);
        registry.add(dev.smartmigration.spring.boot.Boot.MONGO_DATABASE, () -> database);
    }

    @Nested
    @MongoSliceTest
    class Migrated {

        @Autowired UserRepository users;
        @Autowired ApplicationContext context;

        @DynamicPropertySource
        static void database(DynamicPropertyRegistry registry) {
            mongo(registry, "slice_migrated");
        }

        @Test
        void theRepositoryReadsWhatTheMigrationCreated() {
            assertThat(users.findById("ada")).contains(new User("ada", "Ada", "ada@example.com"));
            assertThat(context.getBeansOfType(SmartMigrationInitializer.class)).hasSize(1);
        }
    }

    @Nested
    @MongoSliceTest
    @TestPropertySource(properties = "smartmigration.enabled=false")
    class Disabled {

        @Autowired UserRepository users;
        @Autowired ApplicationContext context;

        @DynamicPropertySource
        static void database(DynamicPropertyRegistry registry) {
            mongo(registry, "slice_disabled");
        }

        @Test
        void nothingIsMigrated() {
            assertThat(users.count()).isZero();
            assertThat(context.getBeansOfType(SmartMigrationInitializer.class)).isEmpty();
        }
    }
}
