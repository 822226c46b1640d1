package dev.smartmigration.spring.boot;

import com.mongodb.client.MongoDatabase;
import dev.smartmigration.testing.MongoTestServer;
import dev.smartmigration.testing.MongoTestServerExtension;
import dev.smartmigration.testing.TestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Tests of a context with Boot's MongoDB client and smartmigration: each test gets its own database. */
@ExtendWith(MongoTestServerExtension.class)
abstract class UsersContextTest {

    @TestResource MongoTestServer mongo;
    @TestResource MongoDatabase db;

    /** Boot's MongoDB client and smartmigration's auto-configuration on {@link #db}, with {@link Boot#usersChain()}. */
    ApplicationContextRunner runner;

    @BeforeEach
    void usersRunner() {
        runner = Boot.usersRunner(mongo, db.getName());
    }
}
