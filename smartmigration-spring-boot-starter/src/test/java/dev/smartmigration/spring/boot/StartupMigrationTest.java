package dev.smartmigration.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import dev.smartmigration.runtime.EditedStep;
import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationEvent;
import dev.smartmigration.runtime.MigrationListener;
import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.runtime.StepResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

/** What the start-up migration does in each mode, what it tells listeners and meters, and what waits for it. */
class StartupMigrationTest extends UsersContextTest {

    @Test
    void modePlan_logsThePlan_changesNothing_andStarts() {
        runner.withPropertyValues("smartmigration.mode=plan").run(context -> {
            assertThat(context).hasNotFailed();
            MigrationResult plan = context.getBean(SmartMigrationInitializer.class).result().orElseThrow();
            assertThat(plan.stepsSkipped()).extracting(StepResult::id).containsExactly("create-users", "add-emails");
            assertThat(plan.stepsApplied()).isEmpty();
            assertThat(db.getCollection("users").countDocuments()).isZero();
            assertThat(MigrationRuntime.currentVersion(context.getBean(MigrationConfig.class))).isEmpty();
        });
    }

    @Test
    void modeOff_runsNothing() {
        runner.withPropertyValues("smartmigration.mode=off").run(context -> {
            assertThat(context).hasNotFailed();
            SmartMigrationInitializer initializer = context.getBean(SmartMigrationInitializer.class);
            assertThat(initializer.result()).isEmpty();
            assertThat(initializer.startupRun().state()).isEqualTo(StartupRun.State.SKIPPED);
            assertThat(db.getCollection("users").countDocuments()).isZero();
        });
    }

    @Test
    void modeValidate_stopsTheStartUpWhileStepsArePending_andStartsOnceTheDataIsThere() {
        runner.withPropertyValues("smartmigration.mode=validate").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(SmartMigrationException.class)
                    .hasMessageContaining("[smartmigration:MIGRATION_PENDING]").hasMessageContaining("add-emails");
            assertThat(db.getCollection("users").countDocuments()).isZero();
        });
        runner.run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues("smartmigration.mode=validate").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(SmartMigrationInitializer.class).result().orElseThrow().wasUpToDate()).isTrue();
        });
    }

    @Test
    void modeValidate_reportsAStepWhoseLastAttemptFailed() {
        MigrationChain failing = MigrationChain.builder()
                .step("create-users").from("1.0.0").to("1.1.0").up(ctx -> {
                    throw new IllegalStateException("disk full");
                })
                .build();
        ApplicationContextRunner failingRunner = Boot.runner(mongo, db.getName(), failing);
        failingRunner.run(context -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("disk full"));
        failingRunner.withPropertyValues("smartmigration.mode=validate").run(context -> {
            SmartMigrationException e = findCause(context.getStartupFailure());
            assertThat(e.code()).isEqualTo(ErrorCode.STEP_FAILED);
            assertThat(e.details()).containsEntry("step", "create-users")
                    .containsEntry("rootCause", "java.lang.IllegalStateException: disk full");
        });
    }

    /** A step applied by one release and gone from the next one's chain: validate stops, run warns and starts. */
    @Test
    void modeValidate_stopsTheStartUpWhenAnAppliedStepNoLongerMatchesTheCode() {
        runner.run(context -> assertThat(context).hasNotFailed());
        MigrationChain withoutAddEmails = MigrationChain.builder()
                .step("create-users").from("1.0.0").to("1.1.0").up(ctx -> { })
                .step("add-email-index").from("1.1.0").to("1.2.0").up(ctx -> { })
                .build();
        ApplicationContextRunner edited = Boot.runner(mongo, db.getName(), withoutAddEmails);

        edited.withPropertyValues("smartmigration.mode=validate").run(context -> {
            SmartMigrationException e = findCause(context.getStartupFailure());
            assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_EDITED);
            assertThat(e.details()).containsEntry("steps", "add-emails");
        });
        edited.withPropertyValues("smartmigration.fail-if-migrations-edited=true").run(context ->
                assertThat(findCause(context.getStartupFailure()).code()).isEqualTo(ErrorCode.MIGRATION_EDITED));
        edited.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(SmartMigrationInitializer.class).result().orElseThrow().editedSteps())
                    .extracting(EditedStep::id).containsExactly("add-emails");
            SmartMigrationHealth.Report health = new SmartMigrationHealth(
                    context.getBean(SmartMigrationInitializer.class)).check();
            assertThat(health.status()).isEqualTo("UP");
            assertThat(health.details()).containsEntry("editedSteps", List.of("add-emails"));
        });
        runner.run(context -> assertThat(new SmartMigrationHealth(context.getBean(SmartMigrationInitializer.class))
                .check().details()).as("the release whose code matches").doesNotContainKey("editedSteps"));
    }

    @Test
    void migrationListenerBeans_andApplicationListeners_receiveEveryEvent_inOrder() {
        List<String> seen = new CopyOnWriteArrayList<>();
        runner.withBean("recorder", MigrationListener.class, () -> event -> seen.add(event.getClass().getSimpleName()))
                .withBean(StepsApplied.class, StepsApplied::new)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(seen).containsExactly("RunStarted", "LockAcquired", "StepStarted", "StepApplied",
                            "StepStarted", "StepApplied", "RunFinished");
                    assertThat(context.getBean(StepsApplied.class).ids).containsExactly("create-users", "add-emails");
                });
    }

    @Test
    void meterRegistry_recordsTheRun_theSteps_andTheLock() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasNotFailed();
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("smartmigration.run").tag("ledger", "smartmigration").tag("outcome", "migrated")
                    .tag("error", "none").timer().count()).isEqualTo(1);
            assertThat(registry.get("smartmigration.step").tag("step", "add-emails").tag("outcome", "applied")
                    .timer().count()).isEqualTo(1);
            assertThat(registry.get("smartmigration.lock.wait").timer().count()).isEqualTo(1);
        });
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("smartmigration.run").tag("outcome", "up_to_date").timer().count()).isEqualTo(1);
            assertThat(registry.find("smartmigration.step").timers()).isEmpty();
        });
    }

    @Test
    void meterRegistry_countsTheCheckpointsAResumableStepWrites() {
        MigrationChain resumable = MigrationChain.builder()
                .step("backfill").from("1.0.0").to("1.1.0").resumable().up(ctx -> {
                    ctx.checkpoint().write("lastId", 100);
                    ctx.checkpoint().write("lastId", 200);
                })
                .build();
        Boot.runner(mongo, db.getName(), resumable).withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(MeterRegistry.class).get("smartmigration.checkpoints")
                            .tag("ledger", "smartmigration").tag("step", "backfill").counter().count()).isEqualTo(2);
                });
    }

    @Test
    void failedStep_isCountedAsFailed() {
        MigrationChain failing = MigrationChain.builder()
                .step("create-users").from("1.0.0").to("1.1.0").up(ctx -> {
                    throw new IllegalStateException("disk full");
                })
                .build();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Boot.runner(mongo, db.getName(), failing)
                .withBean(MeterRegistry.class, () -> registry)
                .run(context -> assertThat(context).hasFailed());
        assertThat(registry.get("smartmigration.run").tag("outcome", "failed").tag("error", "STEP_FAILED").timer()
                .count()).isEqualTo(1);
        assertThat(registry.get("smartmigration.step").tag("step", "create-users").tag("outcome", "failed").timer()
                .count()).isEqualTo(1);
    }

    @Test
    void mongoTemplate_factory_andMarkedBeans_areCreatedAfterTheMigration() {
        runner.withConfiguration(Boot.dataMongo()).withUserConfiguration(ReadsUsersAtCreation.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean("usersAtCreation", Document.class)).containsEntry("email", "ada@example.com");
            for (Class<?> type : List.of(MongoTemplate.class, MongoDatabaseFactory.class)) {
                String name = context.getBeanNamesForType(type)[0];
                assertThat(context.getBeanFactory().getBeanDefinition(name).getDependsOn())
                        .as(name).contains("smartMigrationInitializer");
            }
        });
    }

    @Test
    void lazyInitialization_stillMigratesAtStartUp() {
        runner.withPropertyValues("spring.main.lazy-initialization=true")
                .withInitializer(context -> context.addBeanFactoryPostProcessor(
                        new org.springframework.boot.LazyInitializationBeanFactoryPostProcessor()))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(db.getCollection("users").countDocuments()).isEqualTo(1);
                });
    }

    @Test
    void childContext_usesItsParentsMigration_soTheHierarchyMigratesOnce() {
        List<MigrationEvent> events = new CopyOnWriteArrayList<>();
        runner.withBean("recorder", MigrationListener.class, () -> events::add).run(parent -> {
            assertThat(parent).hasNotFailed();
            runner.withParent(parent).run(child -> {
                assertThat(child).hasNotFailed();
                assertThat(child.getBeanNamesForType(SmartMigrationInitializer.class)).isEmpty();
                assertThat(child.getBean(SmartMigrationInitializer.class))
                        .isSameAs(parent.getBean(SmartMigrationInitializer.class));
            });
        });
        assertThat(events.stream().filter(e -> e instanceof MigrationEvent.RunStarted)).hasSize(1);
        assertThat(db.getCollection("users").countDocuments()).isEqualTo(1);
    }

    private static SmartMigrationException findCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SmartMigrationException e) {
                return e;
            }
        }
        throw new AssertionError("no SmartMigrationException in " + failure);
    }

    /** Listens to one kind of event only, through the event's generic type. */
    static final class StepsApplied implements ApplicationListener<MigrationApplicationEvent<MigrationEvent.StepApplied>> {
        final List<String> ids = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(MigrationApplicationEvent<MigrationEvent.StepApplied> event) {
            ids.add(event.migrationEvent().result().id());
        }
    }

    /** Reads the users while it is created, through the client directly: only the annotation makes it wait. */
    @Configuration(proxyBeanMethods = false)
    static class ReadsUsersAtCreation {

        @Bean
        @DependsOnDataMigration
        Document usersAtCreation(MongoClient client, MigrationConfig config) {
            return client.getDatabase(config.mongoDatabase().orElseThrow()).getCollection("users").find().first();
        }
    }
}
