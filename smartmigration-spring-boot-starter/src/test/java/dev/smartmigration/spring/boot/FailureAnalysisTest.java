package dev.smartmigration.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.testing.MongoTestServer;
import dev.smartmigration.testing.MongoTestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A failed migration stops the start-up with Spring Boot's failure report: the code, the step, what to do. */
@ExtendWith({MongoTestServerExtension.class, OutputCaptureExtension.class})
class FailureAnalysisTest {

    @TestResource MongoTestServer mongo;

    @Test
    void failedStep_stopsTheStartUp_withTheCodeTheStepItsRootCauseAndWhatToDo(CapturedOutput output) {
        SpringApplicationBuilder app = new SpringApplicationBuilder(FailingApp.class)
                .web(WebApplicationType.NONE)
                .properties(Boot.mongoProperties(mongo, mongo.newDatabaseName()));

        assertThatThrownBy(app::run).hasRootCauseMessage("disk full");

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("smartmigration stopped the start-up with STEP_FAILED")
                .contains("Step:       create-users (1.0.0 -> 1.1.0)")
                .contains("Root cause: java.io.IOException: disk full")
                .contains("Fix the cause in step create-users and start the application again")
                .contains("smartmigration.mode=off");
    }

    @Test
    void lockTimeout_pointsAtTheLockProperties_andTheUnlockEndpoint() {
        SmartMigrationException timeout = new SmartMigrationException(ErrorCode.LOCK_TIMEOUT, "gave up after 60 s",
                Map.of("ledger", "orders", "holder", "web-3:17", "expiresAt", "2026-11-29T10:00:00Z"), null);

        FailureAnalysis analysis = new SmartMigrationFailureAnalyzer().analyze(new IllegalStateException(timeout));

        assertThat(analysis.getDescription()).contains("LOCK_TIMEOUT").contains("Lock held by web-3:17 until "
                + "2026-11-29T10:00:00Z").contains("Ledger:     orders");
        assertThat(analysis.getAction()).contains("smartmigration.lock-wait").contains("smartmigration.lock-ttl")
                .contains("DELETE /actuator/smartmigration/lock")
                .contains("management.endpoint.smartmigration.access=unrestricted");
        assertThat(analysis.getCause()).isSameAs(timeout);
    }

    /**
     * Every code a start-up can stop with gets advice in Spring terms; only the codes raised inside a step, which
     * reach the start-up as the cause of STEP_FAILED, fall back to the pointer at docs/errors.md.
     */
    @Test
    void everyErrorCodeAStartUpStopsWith_getsItsOwnAction() {
        Set<ErrorCode> insideSteps = EnumSet.of(ErrorCode.RESOURCE_NOT_CONFIGURED, ErrorCode.CHECKPOINT_SERIALIZATION,
                ErrorCode.STEP_NOT_RESUMABLE, ErrorCode.UNSUPPORTED_ID_TYPE);
        for (ErrorCode code : ErrorCode.values()) {
            FailureAnalysis analysis = new SmartMigrationFailureAnalyzer()
                    .analyze(new SmartMigrationException(code, "message"));
            assertThat(analysis.getDescription()).as(code.name()).contains(code.name());
            if (insideSteps.contains(code)) {
                assertThat(analysis.getAction()).as(code.name()).contains("docs/errors.md");
            } else {
                assertThat(analysis.getAction()).as(code.name()).doesNotContain("docs/errors.md");
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class FailingApp {

        @Bean
        MigrationChain migrations() {
            return MigrationChain.builder()
                    .step("create-users").from("1.0.0").to("1.1.0").up(ctx -> {
                        throw new IllegalStateException("could not create users", new IOException("disk full"));
                    })
                    .build();
        }
    }
}
