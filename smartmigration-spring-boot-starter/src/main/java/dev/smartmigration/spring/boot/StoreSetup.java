package dev.smartmigration.spring.boot;

import dev.smartmigration.runtime.MigrationConfig;

/** Adds one of the application's stores (its client bean and where its data is) to the configuration. */
@FunctionalInterface
interface StoreSetup {

    /** @param builder the configuration being built */
    void configure(MigrationConfig.Builder builder);
}
