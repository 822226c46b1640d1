package dev.smartmigration.spring.boot;

import dev.smartmigration.runtime.SmartMigrationException;
import java.util.Map;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start-up stopped by smartmigration into Spring Boot's "APPLICATION FAILED TO START" report: the error code,
 * the step and its root cause in the description, and in the action what to do in Spring terms (which property, which
 * endpoint). Registered in {@code META-INF/spring.factories}.
 */
class SmartMigrationFailureAnalyzer extends AbstractFailureAnalyzer<SmartMigrationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SmartMigrationException cause) {
        return new FailureAnalysis(description(cause), action(cause), cause);
    }

    private static String description(SmartMigrationException e) {
        Map<String, String> d = e.details();
        StringBuilder text = new StringBuilder("smartmigration stopped the start-up with ").append(e.code().name())
                .append(":\n\n    ").append(e.getMessage()).append('\n');
        if (d.containsKey("step")) {
            text.append("\n    Step:       ").append(d.get("step"));
            if (d.containsKey("from")) {
                text.append(" (").append(d.get("from")).append(" -> ").append(d.get("to")).append(')');
            }
        }
        if (d.containsKey("rootCause")) {
            text.append("\n    Root cause: ").append(d.get("rootCause"));
        }
        if (d.containsKey("ledger")) {
            text.append("\n    Ledger:     ").append(d.get("ledger"));
        }
        if (d.containsKey("ledgerVersion")) {
            text.append("\n    Data at:    ").append(d.get("ledgerVersion")).append(", this release expects ")
                    .append(d.get("targetVersion"));
        }
        if (d.containsKey("holder")) {
            text.append("\n    Lock held by ").append(d.get("holder")).append(" until ").append(d.get("expiresAt"));
        }
        return text.toString();
    }

    private static String action(SmartMigrationException e) {
        Map<String, String> d = e.details();
        return switch (e.code()) {
            case STEP_FAILED -> "Fix the cause in step " + d.getOrDefault("step", "named above") + " and start the "
                    + "application again: the migration resumes at the step's from version (a resumable step from "
                    + "its checkpoints, which are kept). The failure is recorded in the ledger: GET "
                    + "/actuator/smartmigration shows it with its root cause. To start this release without "
                    + "migrating meanwhile, set smartmigration.mode=off.";
            case LOCK_TIMEOUT -> "Another instance holds the migration lock: usually it is migrating, so start again "
                    + "once it is done, or wait longer with smartmigration.lock-wait. If that instance is dead, its "
                    + "lease expires after its smartmigration.lock-ttl; to release it sooner, DELETE "
                    + "/actuator/smartmigration/lock on a running instance (allowed with "
                    + "management.endpoint.smartmigration.access=unrestricted) or run the CLI's `smartmigration "
                    + "unlock`.";
            case LOCK_LOST -> "This instance lost the migration lock (paused or cut off from the store for longer "
                    + "than smartmigration.lock-ttl, or the lock was released by an operator); another instance "
                    + "continues the migration. Start again; if a healthy instance loses its lock, raise "
                    + "smartmigration.lock-ttl.";
            case TARGET_NOT_REACHABLE -> "Set smartmigration.target-version to a version the migration chain reaches "
                    + "from the data's version (the message names them), or add the missing @Migration classes.";
            case LEDGER_AHEAD_OF_TARGET -> "The data is newer than this release. Deploy the release it expects, or "
                    + "set smartmigration.fail-if-ahead-of-target=false so that older instances can start during a "
                    + "rolling deploy.";
            case MIGRATION_PENDING -> "smartmigration.mode=validate checks the data and never migrates it: apply the "
                    + "pending steps first (the CLI's `smartmigration migrate`, or one instance with "
                    + "smartmigration.mode=run), or set smartmigration.target-version to the data's version.";
            case MIGRATION_EDITED -> "An applied migration no longer matches the code that ran (the message names each "
                    + "step and what changed): undo the change and put it in a new @Migration. If the change is "
                    + "intended and the data is right, accept the code as it is now with the CLI's `smartmigration "
                    + "repair --accept-edits` (or MigrationRuntime.acceptEdits). smartmigration.fail-if-migrations-"
                    + "edited=false lets mode run start with a warning meanwhile; mode validate always checks.";
            case FLEET_FAILED -> "Tenants of the fleet this application migrates at start-up did not reach the "
                    + "target (the message names each with its own error; every other tenant was tried). Fix each "
                    + "cause and start again: tenants at the target cost one read each, and each failed tenant "
                    + "resumes where its ledger stands. To start with some tenants behind, build the FleetConfig "
                    + "with failurePolicy(FailurePolicy.REPORT) and act on FleetResult.failed(); the CLI's "
                    + "`smartmigration status --fleet` shows where each tenant stands.";
            case MISSING_TARGET_VERSION -> "Set smartmigration.target-version to the data version this release "
                    + "expects.";
            case CHAIN_NOT_FOUND -> "Add smartmigration-processor to the compiler's annotation processor path so that "
                    + "it generates the chain of your @Migration classes, or declare a MigrationChain bean. Without "
                    + "migrations, set smartmigration.enabled=false.";
            case NO_RESOURCES -> "Give smartmigration a store: a MongoClient bean (spring.mongodb.uri in Spring Boot "
                    + "4, spring.data.mongodb.uri in Boot 3) with smartmigration.mongo.enabled=true, or an S3Client "
                    + "bean and smartmigration.s3.bucket.";
            case LEDGER_BACKEND_MISMATCH -> "smartmigration.ledger-backend names a store that is not configured: "
                    + "configure it (a MongoClient bean, or an S3Client bean and smartmigration.s3.bucket), or remove "
                    + "the property.";
            case LEDGER_CORRUPT -> "The record at the ledger's place is not a smartmigration ledger this release can "
                    + "read, and it was left untouched. If it belongs to something else, choose another "
                    + "smartmigration.ledger-name (or smartmigration.mongo.ledger-collection); if a newer "
                    + "smartmigration wrote it, upgrade.";
            case LEDGER_UNAVAILABLE -> "The ledger's store failed or could not be reached: check its connection "
                    + "settings (spring.mongodb.uri, or the S3Client bean), credentials and permissions, then start "
                    + "again; the ledger is consistent.";
            case CONDITIONAL_WRITES_UNSUPPORTED -> "Keep the ledger in a store with conditional writes (MongoDB with "
                    + "smartmigration.ledger-backend=mongo, or an S3 service that honours If-Match). If only one "
                    + "instance ever migrates, smartmigration.s3.best-effort-locking=true accepts this store.";
            case INVALID_OPTIONS, INVALID_VERSION -> "Correct the smartmigration.* property the message names "
                    + "(smartmigration.target-version, smartmigration.fresh-install-version, smartmigration.lock-wait, "
                    + "smartmigration.lock-ttl, smartmigration.ledger-name, ...).";
            case INVALID_STEP_ID, DUPLICATE_STEP_ID, CHAIN_GAP, CHAIN_OVERLAP, INVALID_STEP_RANGE -> "Fix the "
                    + "migration chain as the message says; the annotation processor reports the same rule at "
                    + "compile time for @Migration classes.";
            default -> "See " + e.code().name() + " in smartmigration's docs/errors.md for its cause and fix.";
        };
    }
}
