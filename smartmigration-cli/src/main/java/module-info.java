/**
 * smartmigration's operator CLI, {@link dev.smartmigration.cli.SmartMigrationCli}: {@code status}, {@code plan},
 * {@code migrate} and {@code unlock}. It is published as an executable jar for the class path, which holds the
 * modules required here and leaves this descriptor out; the descriptor checks at compile time that the CLI uses
 * only the runtime's API (docs/operations.md).
 */
module dev.smartmigration.cli {
    exports dev.smartmigration.cli;
    // picocli fills the commands' @Option fields by reflection.
    opens dev.smartmigration.cli to info.picocli;

    requires dev.smartmigration.runtime;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;

    requires static org.mongodb.driver.sync.client;
    requires static org.mongodb.driver.core;
    requires static software.amazon.awssdk.services.s3;
    requires static software.amazon.awssdk.core;
    requires static software.amazon.awssdk.awscore;
    requires static software.amazon.awssdk.regions;

    uses dev.smartmigration.runtime.MigrationChain;
}
