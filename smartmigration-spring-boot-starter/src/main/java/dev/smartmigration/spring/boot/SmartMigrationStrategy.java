package dev.smartmigration.spring.boot;

import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.MigrationRuntime;

/**
 * Replaces the call that migrates at start-up ({@code smartmigration.mode=run}), as Spring Boot's
 * {@code FlywayMigrationStrategy} does for Flyway: declare one as a bean to run code around the migration. Without
 * one the start-up calls {@link MigrationRuntime#run}.
 *
 * <pre>{@code
 * @Bean
 * SmartMigrationStrategy migrateUnlessReadOnly(Environment env) {
 *     return config -> env.matchesProfiles("read-only") ? MigrationRuntime.plan(config) : MigrationRuntime.run(config);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface SmartMigrationStrategy {

    /**
     * Migrates, or decides not to.
     *
     * @param config the configuration the auto-configuration built (stores, target, listeners)
     * @return what was done, shown by the endpoint and used by the health contributor
     */
    MigrationResult migrate(MigrationConfig config);
}
