package dev.smartmigration.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.spring.boot.SmartMigrationProperties.Mode;
import dev.smartmigration.spring.boot.SmartMigrationProperties.RunAt;
import org.junit.jupiter.api.Test;

/**
 * The health contributor's verdict in each state: Boot's {@code Health} only carries it (the HTTP tests check the
 * JSON of both Boot versions' health endpoints).
 */
class SmartMigrationHealthTest extends UsersContextTest {

    @Test
    void atTheTarget_isUp_withTheVersion() {
        runner.run(context -> {
            SmartMigrationHealth.Report report = health(context.getBean(SmartMigrationInitializer.class));
            assertThat(report.status()).isEqualTo("UP");
            assertThat(report.details()).containsEntry("currentVersion", "1.2.0").containsEntry("targetVersion", "1.2.0")
                    .containsEntry("mode", "run").containsEntry("ledger", "smartmigration");
        });
    }

    @Test
    void ledgerAheadOfTheTarget_isUpDuringARollingDeploy_andDownWhenTheReleaseMustNotRunOnNewerData() {
        runner.withPropertyValues("smartmigration.target-version=1.1.0").run(older -> {
            MigrationConfig config = older.getBean(MigrationConfig.class);
            SmartMigrationInitializer initializer = older.getBean(SmartMigrationInitializer.class);
            assertThat(health(initializer).status()).isEqualTo("UP");

            MigrationRuntime.run(MigrationConfig.builder().mongo(config.mongoClient().orElseThrow(), db.getName())
                    .chain(Boot.usersChain()).targetVersion("1.2.0").build());

            SmartMigrationHealth.Report report = health(initializer);
            assertThat(report.status()).isEqualTo("UP");
            assertThat(report.details()).containsEntry("aheadOfTarget", true).containsEntry("currentVersion", "1.2.0");
        });
        runner.withPropertyValues("smartmigration.target-version=1.1.0", "smartmigration.fail-if-ahead-of-target=true",
                "smartmigration.mode=off").run(context -> {
                    SmartMigrationHealth.Report report = health(context.getBean(SmartMigrationInitializer.class));
                    assertThat(report.status()).isEqualTo("DOWN");
                    assertThat(report.details()).containsEntry("error", "LEDGER_AHEAD_OF_TARGET");
                });
    }

    @Test
    void behindTheTarget_isUpInModePlan_byChoice_andShowsWhatIsPending() {
        runner.withPropertyValues("smartmigration.mode=plan").run(context -> {
            SmartMigrationHealth.Report report = health(context.getBean(SmartMigrationInitializer.class));
            assertThat(report.status()).isEqualTo("UP");
            assertThat(report.details()).containsEntry("pendingSteps", 2).doesNotContainKey("currentVersion");
        });
    }

    @Test
    void afterAFailedRun_isDown_withTheCodeAndTheStep_andAnInstanceStartedWithModeOffShowsTheFailure() {
        MigrationConfig config = MigrationConfig.builder().mongo(mongo.client(), db.getName()).targetVersion("1.1.0")
                .chain(MigrationChain.builder().step("create-users").from("1.0.0").to("1.1.0").up(ctx -> {
                    throw new IllegalStateException("disk full");
                }).build())
                .build();
        SmartMigrationInitializer initializer = new SmartMigrationInitializer(config, MigrationRuntime::run);
        assertThatThrownBy(initializer::migrate).hasRootCauseMessage("disk full");

        SmartMigrationHealth.Report report = health(initializer);
        assertThat(report.status()).isEqualTo("DOWN");
        assertThat(report.details()).containsEntry("error", "STEP_FAILED").containsEntry("failedStep", "create-users");

        SmartMigrationInitializer next = new SmartMigrationInitializer(config, Mode.OFF, RunAt.INITIALIZATION,
                MigrationRuntime::run);
        next.migrate();
        SmartMigrationHealth.Report off = health(next);
        assertThat(off.status()).as("mode off starts on such data by choice").isEqualTo("UP");
        assertThat(off.details()).containsEntry("failedStep", "create-users")
                .containsEntry("rootCause", "java.lang.IllegalStateException: disk full");
        SmartMigrationInitializer validating = new SmartMigrationInitializer(config, Mode.VALIDATE,
                RunAt.APPLICATION_RUNNER, MigrationRuntime::run);
        assertThat(health(validating).status()).as("before its start-up run").isEqualTo("UNKNOWN");
    }

    private static SmartMigrationHealth.Report health(SmartMigrationInitializer initializer) {
        return new SmartMigrationHealth(initializer).check();
    }
}
