/**
 * smartmigration's runtime: {@link dev.smartmigration.runtime.MigrationRuntime}, its configuration, results and
 * status types, in the one exported package {@code dev.smartmigration.runtime} (listed in {@code docs/api.md}).
 * The {@code dev.smartmigration.runtime.internal} packages are not exported and may change in any release.
 *
 * <p>The MongoDB driver and the AWS SDK are optional ({@code requires static}, deliberately not {@code transitive}, which
 * would make them mandatory when compiling an application): an application on the module path requires the one(s)
 * it uses, as it must to create its clients, and the runtime reads them when they are there. An application module that holds
 * its migrations must provide its generated chain:
 * {@code provides dev.smartmigration.runtime.MigrationChain with com.acme.db.GeneratedMigrationChain;}.
 */
module dev.smartmigration.runtime {
    exports dev.smartmigration.runtime;

    requires transitive org.slf4j;
    requires com.fasterxml.jackson.databind;
    requires dev.smartmigration.chainrules;

    requires static org.mongodb.driver.sync.client;
    requires static org.mongodb.driver.core;
    requires static org.mongodb.bson;
    requires static software.amazon.awssdk.services.s3;
    requires static software.amazon.awssdk.core;
    requires static software.amazon.awssdk.awscore;
    requires static software.amazon.awssdk.http;

    uses dev.smartmigration.runtime.MigrationChain;
}
