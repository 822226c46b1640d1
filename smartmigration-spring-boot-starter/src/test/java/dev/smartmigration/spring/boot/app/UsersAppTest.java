package dev.smartmigration.spring.boot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.spring.boot.Boot;
import dev.smartmigration.testing.MongoTestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole application started the way Spring Boot starts it: its repository sees migrated data, and the Actuator
 * endpoint and health contributor answer over HTTP.
 */
@SpringBootTest(classes = UsersApp.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoints.web.exposure.include=health,smartmigration",
        "management.endpoint.health.show-components=always",
        "management.endpoint.health.show-details=always",
        // Boot's own MongoDB health check sends "hello", which mongo-java-server lacks (Boot 4 and 3 names).
        "management.health.mongodb.enabled=false", "management.health.mongo.enabled=false",
        "management.endpoint.smartmigration.access=unrestricted"})
@DirtiesContext
@SuppressWarnings("unchecked")
class UsersAppTest {

    private static final MongoTestServer MONGO = MongoTestServer.start();
    private static final String DATABASE = MONGO.newDatabaseName();

    @Autowired UserDirectory directory;
    @Autowired UserRepository users;
    @Autowired MigrationConfig config;
    @Autowired Environment environment;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add(Boot.MONGO_URI, MONGO::uri);
        registry.add(Boot.MONGO_DATABASE, () -> DATABASE);
    }

    @AfterAll
    static void stopMongo() {
        MONGO.close();
    }

    @Test
    void theRepository_isCreatedAfterTheMigration_andReadsWhatItCreated() {
        assertThat(directory.atStartUp()).containsExactly(new User("ada", "Ada", "ada@example.com"));
        assertThat(users.findById("ada")).contains(new User("ada", "Ada", "ada@example.com"));
    }

    @Test
    void endpoint_showsTheLedgerEveryStepAndTheStartUpRun() {
        HttpResponse<String> response = Http.get(port(), "/actuator/smartmigration");
        assertThat(response.statusCode()).isEqualTo(200);
        DocumentContext json = JsonPath.parse(response.body());
        assertThat((String) json.read("$.ledgerName")).isEqualTo("smartmigration");
        assertThat((String) json.read("$.ledgerBackend")).isEqualTo("MONGO");
        assertThat((String) json.read("$.currentVersion")).isEqualTo("1.2.0");
        assertThat((String) json.read("$.targetVersion")).isEqualTo("1.2.0");
        assertThat((String) json.read("$.targetStatus")).isEqualTo("AT_TARGET");
        assertThat(json.read("$.lock", Object.class)).isNull();
        assertThat((List<String>) json.read("$.steps[*].id")).containsExactly("create-users", "add-emails");
        assertThat((List<String>) json.read("$.steps[*].state")).containsExactly("APPLIED", "APPLIED");
        assertThat((String) json.read("$.steps[1].description")).isEqualTo("E-mail addresses");
        assertThat((String) json.read("$.steps[1].attempts[0].status")).isEqualTo("APPLIED");
        assertThat((String) json.read("$.steps[1].attempts[0].owner")).isEqualTo(config.owner());
        assertThat((String) json.read("$.startup.mode")).isEqualTo("run");
        assertThat((String) json.read("$.startup.state")).isEqualTo("SUCCEEDED");
        assertThat((List<String>) json.read("$.startup.stepsApplied")).containsExactly("create-users", "add-emails");
        assertThat((String) json.read("$.startup.versionAfter")).isEqualTo("1.2.0");
    }

    @Test
    void health_isUpAtTheTarget() {
        HttpResponse<String> response = Http.get(port(), "/actuator/health");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        DocumentContext json = JsonPath.parse(response.body());
        assertThat((String) json.read("$.components.smartmigration.status")).isEqualTo("UP");
        assertThat((String) json.read("$.components.smartmigration.details.currentVersion")).isEqualTo("1.2.0");
        assertThat((String) json.read("$.components.smartmigration.details.mode")).isEqualTo("run");
    }

    /** Another instance holds the lock inside a step; the operator removes it and that instance loses it. */
    @Test
    void unlock_whenEnabled_removesAHeldLock_andItsHolderStopsWithLockLost() throws Exception {
        assertThat(Http.delete(port(), "/actuator/smartmigration/lock").statusCode()).as("no lock").isEqualTo(204);
        assertThat(Http.delete(port(), "/actuator/smartmigration/ledger").statusCode()).isEqualTo(400);

        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MigrationConfig other = MigrationConfig.builder().mongo(config.mongoClient().orElseThrow(), DATABASE)
                .owner("other-instance").lockTtl(Duration.ofSeconds(2)).targetVersion("1.3.0")
                .chain(MigrationChain.builder().step("slow-step").from("1.2.0").to("1.3.0").up(ctx -> {
                    inStep.countDown();
                    await(release);
                }).build())
                .build();
        CompletableFuture<Object> holder = CompletableFuture.supplyAsync(() -> MigrationRuntime.run(other));
        try {
            assertThat(inStep.await(30, TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> removed = Http.delete(port(), "/actuator/smartmigration/lock");
            assertThat(removed.statusCode()).isEqualTo(200);
            assertThat((String) JsonPath.read(removed.body(), "$.owner")).isEqualTo("other-instance");
            assertThat(MigrationRuntime.lockInfo(config)).isEmpty();
        } finally {
            release.countDown();
        }
        assertThatThrownBy(holder::join).hasCauseInstanceOf(SmartMigrationException.class)
                .cause().satisfies(e -> assertThat(((SmartMigrationException) e).code()).isEqualTo(ErrorCode.LOCK_LOST));
    }

    private int port() {
        return environment.getRequiredProperty("local.server.port", Integer.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
