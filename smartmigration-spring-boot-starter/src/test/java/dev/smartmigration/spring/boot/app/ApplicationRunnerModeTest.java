package dev.smartmigration.spring.boot.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.smartmigration.spring.boot.Boot;
import dev.smartmigration.spring.boot.MigrationApplicationEvent;
import dev.smartmigration.testing.MongoTestServer;
import dev.smartmigration.testing.MongoTestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;

/**
 * {@code smartmigration.run-at=application-runner}: the web server answers while the migration runs, liveness is
 * up and readiness refuses traffic until it is done.
 */
@ExtendWith(MongoTestServerExtension.class)
class ApplicationRunnerModeTest {

    @TestResource MongoTestServer mongo;

    @Test
    void serverAnswers_livenessUp_readinessRefusing_whileTheMigrationRuns_thenAccepting() throws Exception {
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<ConfigurableApplicationContext> started = new AtomicReference<>();
        EventTypes events = new EventTypes();
        SpringApplicationBuilder app = new SpringApplicationBuilder(UsersApp.class)
                .properties(Boot.mongoProperties(mongo, mongo.newDatabaseName()))
                .properties("server.port=0", "smartmigration.run-at=application-runner",
                        "management.endpoints.web.exposure.include=health,smartmigration",
                        "management.endpoint.health.probes.enabled=true",
                        "management.endpoint.health.show-components=always",
                        "management.endpoint.health.show-details=always",
                        "management.health.mongodb.enabled=false", "management.health.mongo.enabled=false")
                .initializers(context -> context.getBeanFactory().registerSingleton("gate",
                        (UsersApp.StepGate) () -> {
                            inStep.countDown();
                            await(release);
                        }))
                .initializers(context -> context.getBeanFactory().registerSingleton("eventTypes", events))
                .listeners((ApplicationListener<ApplicationStartedEvent>) e -> started.set(e.getApplicationContext()));
        CompletableFuture<ConfigurableApplicationContext> running = CompletableFuture.supplyAsync(app::run);
        ConfigurableApplicationContext context = null;
        try {
            assertThat(inStep.await(60, TimeUnit.SECONDS)).as("the second step started").isTrue();
            context = started.get();
            int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
            assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
            assertThat(availability.getLivenessState()).isEqualTo(LivenessState.CORRECT);
            assertThat(Http.get(port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
            assertThat(Http.get(port, "/actuator/health/readiness").statusCode()).isEqualTo(503);
            String health = Http.get(port, "/actuator/health").body();
            assertThat((String) JsonPath.read(health, "$.components.smartmigration.status")).isEqualTo("OUT_OF_SERVICE");
            String info = Http.get(port, "/actuator/smartmigration").body();
            assertThat((String) JsonPath.read(info, "$.startup.state")).isEqualTo("RUNNING");
            assertThat((String) JsonPath.read(info, "$.currentVersion")).isEqualTo("1.1.0");
            assertThat((String) JsonPath.read(info, "$.lock.owner")).isNotBlank();
            assertThat(Http.delete(port, "/actuator/smartmigration/lock").statusCode())
                    .as("unlock is not enabled by default").isGreaterThanOrEqualTo(400);
            assertThat((String) JsonPath.read(Http.get(port, "/actuator/smartmigration").body(), "$.lock.owner"))
                    .isNotBlank();

            release.countDown();
            context = running.get(60, TimeUnit.SECONDS);
            assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
            assertThat(Http.get(port, "/actuator/health/readiness").statusCode()).isEqualTo(200);
            assertThat((String) JsonPath.read(Http.get(port, "/actuator/health").body(),
                    "$.components.smartmigration.status")).isEqualTo("UP");
            assertThat(events.types).contains("RunStarted", "StepApplied", "RunFinished");
        } finally {
            release.countDown();
            if (context != null) {
                context.close();
            } else {
                running.thenAccept(ConfigurableApplicationContext::close);
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An {@code @EventListener}: registered once every singleton exists, so it sees an application runner's run. */
    static final class EventTypes {
        final List<String> types = new CopyOnWriteArrayList<>();

        @EventListener
        void on(MigrationApplicationEvent<?> event) {
            types.add(event.migrationEvent().getClass().getSimpleName());
        }
    }
}
