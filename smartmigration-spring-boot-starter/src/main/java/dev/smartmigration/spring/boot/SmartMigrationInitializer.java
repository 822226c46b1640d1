package dev.smartmigration.spring.boot;

import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.StepResult;
import dev.smartmigration.spring.boot.SmartMigrationProperties.Mode;
import dev.smartmigration.spring.boot.SmartMigrationProperties.RunAt;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.core.Ordered;

/**
 * The bean that migrates at start-up, as Spring Boot's {@code FlywayMigrationInitializer} does for Flyway. With
 * {@code smartmigration.run-at=initialization} (the default) it migrates when it is created, and the MongoDB
 * database factory, MongoTemplate, GridFS, Spring Data MongoDB repositories and beans marked
 * {@link DependsOnDataMigration} are created after it; with {@code application-runner} it migrates as the first
 * {@link ApplicationRunner}, after the web server has started, keeping readiness {@code REFUSING_TRAFFIC} meanwhile.
 * Either way it runs once per application context hierarchy: a child context uses its parent's.
 *
 * <p>The auto-configuration creates it unless the application declares its own, for example to migrate with a
 * configuration built by hand:
 *
 * <pre>{@code
 * @Bean
 * SmartMigrationInitializer smartMigrationInitializer(MongoClient mongo) {
 *     MigrationConfig config = MigrationConfig.builder()
 *             .targetVersion("2.3.0")
 *             .mongo(mongo, "appdb")
 *             .build();
 *     return new SmartMigrationInitializer(config, MigrationRuntime::run);
 * }
 * }</pre>
 */
public class SmartMigrationInitializer implements InitializingBean, ApplicationRunner, ApplicationEventPublisherAware,
        Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(SmartMigrationInitializer.class);

    private final MigrationConfig config;
    private final Mode mode;
    private final RunAt runAt;
    private final SmartMigrationStrategy strategy;
    private ApplicationEventPublisher publisher;
    private volatile StartupRun startupRun = StartupRun.NOT_STARTED;

    /**
     * Migrates with {@code strategy} while the context starts ({@link Mode#RUN}, {@link RunAt#INITIALIZATION}).
     *
     * @param config   the configuration, with a target version
     * @param strategy what migrates, usually {@code MigrationRuntime::run}
     */
    public SmartMigrationInitializer(MigrationConfig config, SmartMigrationStrategy strategy) {
        this(config, Mode.RUN, RunAt.INITIALIZATION, strategy);
    }

    /**
     * @param config   the configuration
     * @param mode     what to do: migrate with {@code strategy}, plan, validate, or nothing
     * @param runAt    when
     * @param strategy what migrates in {@link Mode#RUN}
     */
    public SmartMigrationInitializer(MigrationConfig config, Mode mode, RunAt runAt, SmartMigrationStrategy strategy) {
        this.config = Objects.requireNonNull(config, "config");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.runAt = Objects.requireNonNull(runAt, "runAt");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    @Override
    public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void afterPropertiesSet() {
        if (runAt == RunAt.INITIALIZATION) {
            migrate();
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        if (runAt == RunAt.APPLICATION_RUNNER) {
            if (publisher != null && mode != Mode.OFF) {
                // Boot declares ACCEPTING_TRAFFIC once every runner has returned; say why it is not yet.
                AvailabilityChangeEvent.publish(publisher, this, ReadinessState.REFUSING_TRAFFIC);
            }
            migrate();
        }
    }

    /** First among the application's runners, so theirs see migrated data. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /**
     * Does what the mode says, once; later calls return at once. {@link #afterPropertiesSet} or {@link #run} calls
     * it, by {@code run-at}.
     *
     * @throws dev.smartmigration.runtime.SmartMigrationException when the migration fails, or the data is not ready
     *         for this release in {@link Mode#VALIDATE}; the start-up then fails with a description of what to do
     */
    public synchronized void migrate() {
        if (startupRun.state() != StartupRun.State.NOT_STARTED) {
            return;
        }
        if (mode == Mode.OFF) {
            LOG.info("smartmigration.mode=off: no migration at start-up for ledger \"{}\"", config.ledgerName());
            startupRun = StartupRun.skipped();
            return;
        }
        startupRun = StartupRun.running(Instant.now());
        try {
            MigrationResult result = switch (mode) {
                case RUN -> strategy.migrate(config);
                case PLAN -> logPlan(MigrationRuntime.plan(config));
                case VALIDATE -> StartupValidation.validate(config);
                default -> throw new IllegalStateException("mode " + mode);
            };
            startupRun = startupRun.succeeded(result);
        } catch (RuntimeException | Error e) {
            startupRun = startupRun.failed(e);
            throw e;
        }
    }

    /** @return the configuration it migrates with */
    public MigrationConfig config() {
        return config;
    }

    /** @return what it does at start-up */
    public Mode mode() {
        return mode;
    }

    /** @return when it does it */
    public RunAt runAt() {
        return runAt;
    }

    /**
     * @return what the start-up run, plan or validation found and did; empty before it has finished, when it failed
     *         and in {@link Mode#OFF}
     */
    public Optional<MigrationResult> result() {
        return Optional.ofNullable(startupRun.result());
    }

    /** @return where the start-up run stands, for the endpoint and the health contributor */
    StartupRun startupRun() {
        return startupRun;
    }

    private MigrationResult logPlan(MigrationResult plan) {
        if (plan.stepsSkipped().isEmpty()) {
            LOG.info("smartmigration.mode=plan: ledger \"{}\" needs no migration to {}", config.ledgerName(),
                    plan.targetVersion());
        } else {
            LOG.warn("smartmigration.mode=plan: ledger \"{}\" is at {}; smartmigration.mode=run would apply {} "
                            + "step(s) to reach {}: {}. Nothing was changed.", config.ledgerName(),
                    plan.currentVersionBefore() == null ? "no version" : plan.currentVersionBefore(),
                    plan.stepsSkipped().size(), plan.targetVersion(), plan.stepsSkipped().stream()
                            .map(SmartMigrationInitializer::describe).collect(Collectors.joining(", ")));
        }
        return plan;
    }

    private static String describe(StepResult step) {
        return step.id() + " (" + step.from() + " -> " + step.to() + ")";
    }
}
