package dev.smartmigration.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smartmigration.runtime.EditedStep;
import dev.smartmigration.runtime.FleetInfo;
import dev.smartmigration.runtime.FleetResult;
import dev.smartmigration.runtime.LedgerBackend;
import dev.smartmigration.runtime.LockInfo;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationInfo;
import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.runtime.StepAttempt;
import dev.smartmigration.runtime.StepInfo;
import dev.smartmigration.runtime.StepResult;
import dev.smartmigration.runtime.TargetStatus;
import dev.smartmigration.runtime.TenantInfo;
import dev.smartmigration.runtime.TenantOutcome;
import dev.smartmigration.runtime.TenantResult;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The reports of {@code --output json}: one object per command, in the schema docs/operations.md documents.
 * Every report has {@code schemaVersion} and {@code command}; within a schema version, fields are only ever added,
 * never renamed, removed or given another meaning. A command added later (validate, fleet status) writes its own
 * fields in the same envelope, and an error is the envelope with {@code error}.
 */
final class JsonReport {

    /** The schema's version; it changes only when a field is renamed, removed or changes meaning. */
    static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /**
     * {@return {@code status}'s report: the ledger, the versions, every step and the lock}
     *
     * @param info   what {@code MigrationRuntime.info} returned
     * @param config the configuration it was read with
     */
    static String status(MigrationInfo info, MigrationConfig config) {
        ObjectNode report = envelope("status");
        report.set("ledger", ledger(config));
        statusFields(report, info);
        return write(report);
    }

    /**
     * {@return {@code status --fleet}'s report: the counts an operator asks for first, then every tenant's status}
     *
     * @param info what {@code MigrationRuntime.infoFleet} returned
     */
    static String fleetStatus(FleetInfo info) {
        ObjectNode report = envelope("status");
        ObjectNode fleet = report.putObject("fleet");
        fleet.put("tenantCount", info.tenants().size());
        ObjectNode versions = fleet.putObject("countsByVersion");
        info.countsByVersion().forEach(versions::put);
        fleet.put("newLedgers", info.newLedgers().size());
        ObjectNode statuses = fleet.putObject("countsByTargetStatus");
        for (TargetStatus status : TargetStatus.values()) {
            statuses.put(status.name(), info.withStatus(status).size());
        }
        tenantIds(fleet.putArray("failed"), info.failed());
        tenantIds(fleet.putArray("locked"), info.locked());
        tenantIds(fleet.putArray("unreadable"), info.unreadable());
        ArrayNode tenants = fleet.putArray("tenants");
        for (TenantInfo t : info.tenants()) {
            ObjectNode tenant = tenants.addObject();
            tenant.put("tenant", t.tenant());
            if (t.info().isPresent()) {
                statusFields(tenant.putObject("status"), t.info().get());
            } else {
                tenant.putNull("status");
            }
            tenant.set("error", t.error().map(JsonReport::tenantError).orElse(null));
        }
        return write(report);
    }

    /** The fields of one ledger's status, in {@code status} and in each tenant of {@code status --fleet}. */
    private static void statusFields(ObjectNode report, MigrationInfo info) {
        report.put("dataVersion", info.currentVersion().orElse(null));
        report.put("targetVersion", info.targetVersion().orElse(null));
        report.put("targetStatus", info.targetStatus().name());
        report.put("targetProblem", info.targetProblem().orElse(null));
        report.put("freshInstall", info.isFreshInstall());
        ArrayNode pending = report.putArray("pending");
        info.pending().forEach(s -> pending.add(s.id()));
        ArrayNode steps = report.putArray("steps");
        for (StepInfo s : info.steps()) {
            ObjectNode step = steps.addObject();
            step.put("id", s.id());
            step.put("from", s.from());
            step.put("to", s.to());
            step.put("description", s.description());
            step.put("resumable", s.resumable());
            step.put("state", s.state().name());
            step.put("skipForward", s.skipForward());
            step.put("fingerprint", s.fingerprint().orElse(null));
            step.set("edit", s.edit().map(JsonReport::edited).orElse(null));
            ArrayNode attempts = step.putArray("attempts");
            for (StepAttempt a : s.attempts()) {
                ObjectNode attempt = attempts.addObject();
                attempt.put("status", a.status().name());
                attempt.put("startedAt", instant(a.startedAt()));
                attempt.put("finishedAt", instant(a.finishedAt()));
                attempt.put("durationMs", millis(a.duration()));
                attempt.put("owner", a.owner());
                attempt.put("skipForward", a.skipForward());
                attempt.put("error", a.error().orElse(null));
                attempt.put("rootCause", a.rootCause().orElse(null));
                attempt.put("fingerprint", a.fingerprint().orElse(null));
            }
            ObjectNode checkpoints = step.putObject("checkpoints");
            new TreeMap<>(s.checkpoints()).forEach((key, json) -> checkpoints.set(key, parse(json)));
        }
        edited(report.putArray("editedSteps"), info.editedSteps());
        report.set("lock", info.lock().map(JsonReport::lock).orElse(null));
    }

    private static void tenantIds(ArrayNode into, List<TenantInfo> tenants) {
        tenants.forEach(t -> into.add(t.tenant()));
    }

    /**
     * {@return {@code validate}'s report when the code matches the ledger (an edited step is an error report)}
     *
     * @param info        what {@code MigrationRuntime.validate} returned
     * @param config      the configuration it was read with
     * @param applied     the ids of the applied steps, all of which match the code
     * @param notCompared the ids of those without a fingerprint on one side, which could not be compared
     */
    static String validate(MigrationInfo info, MigrationConfig config, List<String> applied,
                           List<String> notCompared) {
        ObjectNode report = envelope("validate");
        report.set("ledger", ledger(config));
        report.put("valid", true);
        report.put("dataVersion", info.currentVersion().orElse(null));
        report.put("targetVersion", info.targetVersion().orElse(null));
        ArrayNode appliedIds = report.putArray("applied");
        applied.forEach(appliedIds::add);
        ArrayNode notComparedIds = report.putArray("notCompared");
        notCompared.forEach(notComparedIds::add);
        ArrayNode pending = report.putArray("pending");
        info.pending().forEach(s -> pending.add(s.id()));
        return write(report);
    }

    /**
     * {@return the report of {@code plan} or {@code migrate}: what was there, and the steps applied or planned}
     *
     * @param command {@code plan} or {@code migrate}
     * @param result  what the runtime returned
     * @param dryRun  whether nothing was written ({@code plan}, {@code migrate --dry-run})
     */
    static String result(String command, MigrationResult result, boolean dryRun) {
        ObjectNode report = envelope(command);
        report.put("dryRun", dryRun);
        resultFields(report, result);
        return write(report);
    }

    /**
     * {@return {@code migrate --fleet}'s report: the counts per outcome, the failed tenants, then every tenant's
     * outcome with what ran there (as {@code migrate} reports one ledger) or why it failed}
     *
     * @param result what {@code MigrationRuntime.runFleet} returned
     * @param dryRun whether nothing was written ({@code --dry-run})
     */
    static String fleetResult(FleetResult result, boolean dryRun) {
        ObjectNode report = envelope("migrate");
        report.put("dryRun", dryRun);
        ObjectNode fleet = report.putObject("fleet");
        fleet.put("tenantCount", result.tenants().size());
        ObjectNode outcomes = fleet.putObject("countsByOutcome");
        for (TenantOutcome outcome : TenantOutcome.values()) {
            outcomes.put(outcome.name(), result.count(outcome));
        }
        ArrayNode failed = fleet.putArray("failed");
        result.failed().forEach(t -> failed.add(t.tenant()));
        fleet.put("durationMs", millis(result.totalDuration()));
        ArrayNode tenants = fleet.putArray("tenants");
        for (TenantResult t : result.tenants()) {
            ObjectNode tenant = tenants.addObject();
            tenant.put("tenant", t.tenant());
            tenant.put("outcome", t.outcome().name());
            tenant.put("durationMs", millis(t.duration()));
            if (t.result().isPresent()) {
                resultFields(tenant.putObject("result"), t.result().get());
            } else {
                tenant.putNull("result");
            }
            tenant.set("error", t.error().map(JsonReport::tenantError).orElse(null));
        }
        return write(report);
    }

    /** The fields of one ledger's run, in {@code plan}, {@code migrate} and each tenant of {@code migrate --fleet}. */
    private static void resultFields(ObjectNode report, MigrationResult result) {
        report.put("dataVersionBefore", result.currentVersionBefore());
        report.put("dataVersionAfter", result.currentVersionAfter());
        report.put("targetVersion", result.targetVersion());
        report.put("upToDate", result.wasUpToDate());
        report.put("freshInstall", result.wasFreshInstall());
        report.put("aheadOfTarget", result.ledgerAheadOfTarget());
        steps(report.putArray("applied"), result.stepsApplied());
        steps(report.putArray("planned"), result.stepsSkipped());
        edited(report.putArray("editedSteps"), result.editedSteps());
        report.put("durationMs", millis(result.totalDuration()));
    }

    /**
     * {@return {@code unlock}'s report: the lock found, and the one this call removed ({@code null} when none was
     * held, or its holder released it in the meantime)}
     *
     * @param config  the configuration of the ledger
     * @param found   the lock as {@code lockInfo} read it
     * @param removed what {@code forceUnlock} removed
     */
    static String unlock(MigrationConfig config, Optional<LockInfo> found, Optional<LockInfo> removed) {
        ObjectNode report = envelope("unlock");
        report.set("ledger", ledger(config));
        report.set("lock", found.map(JsonReport::lock).orElse(null));
        report.set("released", removed.map(JsonReport::lock).orElse(null));
        return write(report);
    }

    /**
     * {@return {@code repair --accept-edits}'s report: the steps accepted as they are in the code now, and by whom}
     *
     * @param config   the configuration of the ledger, with the owner recorded as accepting them
     * @param accepted what {@code acceptEdits} recorded (empty when every applied step matched the code)
     */
    static String repair(MigrationConfig config, List<EditedStep> accepted) {
        ObjectNode report = envelope("repair");
        report.set("ledger", ledger(config));
        report.put("acceptedBy", config.owner());
        edited(report.putArray("accepted"), accepted);
        return write(report);
    }

    /**
     * {@return the report of a command that failed}
     *
     * @param command  the command that failed
     * @param failure  what it threw
     * @param message  the message the operator reads (as on stderr)
     * @param exitCode the process's exit code
     */
    static String error(String command, Exception failure, String message, int exitCode) {
        ObjectNode report = envelope(command);
        report.set("error", errorNode(failure, message, exitCode));
        return write(report);
    }

    /** A tenant's error in a fleet report: as the command's own error would be, had it run on that tenant alone. */
    private static ObjectNode tenantError(SmartMigrationException e) {
        return errorNode(e, OperatorMessages.of(e), ExitCode.of(e.code()).value);
    }

    private static ObjectNode errorNode(Exception failure, String message, int exitCode) {
        ObjectNode error = MAPPER.createObjectNode();
        if (failure instanceof SmartMigrationException e) {
            error.put("code", e.code().name());
            error.put("message", message);
            ObjectNode details = error.putObject("details");
            new TreeMap<>(e.details()).forEach(details::put);
        } else {
            error.putNull("code");
            error.put("message", message);
            error.putObject("details");
        }
        error.put("exitCode", exitCode);
        return error;
    }

    private static ObjectNode envelope(String command) {
        ObjectNode report = MAPPER.createObjectNode();
        report.put("schemaVersion", SCHEMA_VERSION);
        report.put("command", command);
        return report;
    }

    private static ObjectNode ledger(MigrationConfig config) {
        ObjectNode ledger = MAPPER.createObjectNode();
        ledger.put("name", config.ledgerName());
        LedgerBackend backend = config.ledgerBackend();
        ledger.put("backend", backend.name());
        if (backend == LedgerBackend.MONGO) {
            ledger.put("database", config.mongoDatabase().orElse(null));
            ledger.put("collection", config.mongoLedgerCollection());
        } else {
            ledger.put("bucket", config.bucket().orElse(null));
        }
        return ledger;
    }

    private static ObjectNode lock(LockInfo lock) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("owner", lock.owner());
        node.put("acquiredAt", instant(lock.acquiredAt()));
        node.put("heartbeatAt", instant(lock.heartbeatAt()));
        node.put("expiresAt", instant(lock.expiresAt()));
        node.put("ttlMs", millis(lock.ttl()));
        return node;
    }

    private static void edited(ArrayNode into, List<EditedStep> edited) {
        edited.forEach(e -> into.add(edited(e)));
    }

    private static ObjectNode edited(EditedStep e) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", e.id());
        node.put("kind", e.kind().name());
        node.put("appliedFrom", e.appliedFrom());
        node.put("appliedTo", e.appliedTo());
        node.put("appliedFingerprint", e.appliedFingerprint());
        node.put("appliedAt", instant(e.appliedAt()));
        node.put("appliedBy", e.appliedBy());
        node.put("from", e.from());
        node.put("to", e.to());
        node.put("fingerprint", e.fingerprint());
        node.put("description", e.describe());
        return node;
    }

    private static void steps(ArrayNode into, List<StepResult> steps) {
        for (StepResult s : steps) {
            ObjectNode step = into.addObject();
            step.put("id", s.id());
            step.put("from", s.from());
            step.put("to", s.to());
            step.put("startedAt", instant(s.startedAt()));
            step.put("finishedAt", instant(s.finishedAt()));
            step.put("durationMs", millis(s.duration()));
        }
    }

    /** A checkpoint's value as the JSON it is, or as a string should it not parse. */
    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return MAPPER.getNodeFactory().textNode(json);
        }
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }

    private static String write(ObjectNode report) {
        try {
            return MAPPER.writeValueAsString(report) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
