package dev.smartmigration.runtime;

import dev.smartmigration.runtime.internal.ledger.Ledger;
import dev.smartmigration.runtime.internal.ledger.LedgerSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The entry point: brings the data to the version this release expects, exactly once across any number of
 * instances, and returns at once when it is already there.
 *
 * <pre>{@code
 * MigrationConfig config = MigrationConfig.builder()
 *     .targetVersion("2.3.0")
 *     .mongo(mongoClient, "appdb")
 *     .build();
 * MigrationResult result = MigrationRuntime.run(config);     // at start-up, before serving traffic
 * }</pre>
 *
 * <p>{@link #run} reads the ledger's version once, with the digest of the applied steps' code (a projected
 * {@code find}, or an S3 {@code HeadObject}); at the target, when the chain's code of those steps has the same
 * digest, it returns without a lock, a write or a read of the whole ledger. Otherwise it reads and checks the whole
 * ledger, plans, takes the ledger's lock (waiting up to {@code lockWait} for another instance), runs the pending
 * steps in order and records each, keeping the lease alive with a heartbeat and fencing every ledger write with it.
 * An applied step the code no longer matches (edited since it ran, re-ranged, removed) is logged at WARN and returned
 * in {@link MigrationResult#editedSteps()}, or fails the call with {@code MIGRATION_EDITED} under
 * {@link MigrationConfig.Builder#failIfMigrationsEdited}. {@code docs/runtime.md} describes the algorithm and its
 * guarantees, {@code docs/fingerprints.md} the check.
 *
 * <p>A SaaS application with a database, bucket or key prefix per tenant migrates them all with {@link #runFleet}
 * ({@link FleetConfig}); {@link #infoFleet} shows where each stands.
 *
 * <p>{@link #info} shows where the data stands, and operators can inspect and clear a stuck lock; these three
 * calls need no {@code targetVersion} in the configuration:
 * <pre>{@code
 * MigrationInfo info = MigrationRuntime.info(config);
 * System.out.println(info.currentVersion().orElse("new ledger") + ", " + info.pending().size() + " pending");
 * MigrationRuntime.lockInfo(config).ifPresent(l -> System.out.println(l.owner() + " until " + l.expiresAt()));
 * MigrationRuntime.forceUnlock(config);   // only when the holder is known to be dead
 * }</pre>
 */
public final class MigrationRuntime {

    private MigrationRuntime() {
    }

    /**
     * Migrates the data to {@code config.targetVersion()}; idempotent, safe to call from every instance at once.
     *
     * @param config the configuration, with a target version
     * @return what was found and done
     * @throws SmartMigrationException {@code STEP_FAILED} (cause: the step's exception), {@code LOCK_TIMEOUT},
     *         {@code LOCK_LOST}, {@code TARGET_NOT_REACHABLE}, {@code LEDGER_CORRUPT}, {@code LEDGER_UNAVAILABLE},
     *         {@code CHAIN_NOT_FOUND}, chain rule codes, {@code MISSING_TARGET_VERSION} without a target, or, when
     *         configured, {@code LEDGER_AHEAD_OF_TARGET} and {@code MIGRATION_EDITED}
     */
    public static MigrationResult run(MigrationConfig config) {
        return new Runner(config, Ledgers.open(config)).run();
    }

    /**
     * Reports what {@link #run} would do, without taking the lock or writing anything: the planned steps come
     * back in {@link MigrationResult#stepsSkipped()}.
     *
     * @param config the configuration, with a target version
     * @return the plan as a result; {@code currentVersionAfter} equals {@code currentVersionBefore}
     * @throws SmartMigrationException {@code TARGET_NOT_REACHABLE}, {@code LEDGER_CORRUPT},
     *         {@code LEDGER_UNAVAILABLE}, {@code CHAIN_NOT_FOUND}, chain rule codes, or
     *         {@code MISSING_TARGET_VERSION} without a target
     */
    public static MigrationResult plan(MigrationConfig config) {
        return new Runner(config, Ledgers.open(config)).plan();
    }

    /**
     * Where the data stands: reads and checks the whole ledger once, loads the chain, and, for a ledger without a
     * version, looks whether the stores hold data. Takes no lock and writes nothing. Without a {@code targetVersion}
     * in the configuration the steps are judged against the end of the chain.
     *
     * <pre>{@code
     * MigrationInfo info = MigrationRuntime.info(config);
     * for (StepInfo step : info.steps()) {
     *     System.out.println(step.id() + ": " + step.state());
     * }
     * if (info.targetStatus() == TargetStatus.UNREACHABLE) {
     *     System.err.println(info.targetProblem().orElseThrow());
     * }
     * }</pre>
     *
     * @param config the configuration; its target version may be unset
     * @return the ledger's version, each step's state and attempts, what {@code run} would do, and the lock
     * @throws SmartMigrationException {@code LEDGER_CORRUPT}, {@code LEDGER_UNAVAILABLE}, {@code CHAIN_NOT_FOUND},
     *         chain rule codes, or {@code INVALID_OPTIONS} for a {@code freshInstallVersion} off the chain (an
     *         unreachable target is reported in the info, not thrown)
     */
    public static MigrationInfo info(MigrationConfig config) {
        return info(config, Chains::load);
    }

    static MigrationInfo info(MigrationConfig config, Function<MigrationConfig, List<MigrationDefinition>> chains) {
        Ledger ledger = Ledgers.open(config);
        Optional<LedgerSnapshot> snapshot = ledger.read();
        List<MigrationDefinition> chain = chains.apply(config);
        boolean newLedger = snapshot.map(s -> s.state().version() == null).orElse(true);
        return InfoReader.info(config, snapshot, chain, newLedger && Ledgers.isFreshInstall(config));
    }

    /**
     * Migrates every tenant of a fleet to its target: each tenant's configuration is run as by {@link #run}, with its
     * own ledger and lock, {@code parallelism} tenants at a time. Safe to call from every instance at once, and the
     * instances share the work: a tenant whose lock another instance holds is passed over at once and only waited
     * for (up to its {@code lockWait}) once this instance has tried every other tenant. One tenant's failure stops
     * no other; a tenant at its target costs one version read.
     *
     * <pre>{@code
     * FleetResult result = MigrationRuntime.runFleet(fleet);          // at start-up, on every instance
     * log.info("{}", result);                  // 1000 tenant(s) in 12.0 s: 1000 already current
     * }</pre>
     *
     * <p>{@code docs/fleets.md} describes the algorithm, its guarantees and its cost.
     *
     * @param fleet the tenants and how each is configured
     * @return every tenant's outcome, in the order of the tenant list
     * @throws SmartMigrationException {@link ErrorCode#FLEET_FAILED} when a tenant did not reach its target and the
     *         failure policy is {@link FleetConfig.FailurePolicy#FAIL} (the default; every tenant was still tried);
     *         what listing the tenants threw ({@code INVALID_OPTIONS}, {@code LEDGER_UNAVAILABLE})
     */
    public static FleetResult runFleet(FleetConfig fleet) {
        return new FleetRunner(fleet).run();
    }

    /**
     * Where every tenant of a fleet stands: {@link #info} for each, {@code parallelism} at a time. Takes no lock and
     * writes nothing. A tenant whose configuration or ledger cannot be read is reported with its error, not thrown.
     *
     * <pre>{@code
     * FleetInfo info = MigrationRuntime.infoFleet(fleet);
     * System.out.println(info.countsByVersion() + ", " + info.failed().size() + " failed, "
     *         + info.locked().size() + " locked");
     * }</pre>
     *
     * @param fleet the tenants and how each is configured (targets may be unset: each tenant's steps are then
     *              judged against the end of its chain)
     * @return each tenant's info, in the order of the tenant list
     * @throws SmartMigrationException what listing the tenants threw ({@code INVALID_OPTIONS},
     *         {@code LEDGER_UNAVAILABLE})
     */
    public static FleetInfo infoFleet(FleetConfig fleet) {
        return new FleetRunner(fleet).info();
    }

    /**
     * Checks that the code still matches what the ledger records as applied, for a CI pipeline or a deploy script:
     * reads like {@link #info}, and fails when an applied step was edited since it ran, re-ranged, or removed from
     * the chain, or when the chain cannot reach the target. Takes no lock and writes nothing. The CLI's
     * {@code validate} runs it and exits non-zero on failure.
     *
     * <pre>{@code
     * try {
     *     MigrationRuntime.validate(config);
     * } catch (SmartMigrationException e) {
     *     System.err.println(e.getMessage());        // names each edited step, and what to do
     *     System.exit(1);
     * }
     * }</pre>
     *
     * @param config the configuration; its target version may be unset (the end of the chain is then the target)
     * @return the info, when nothing is wrong
     * @throws SmartMigrationException {@code MIGRATION_EDITED} listing every edited, re-ranged or removed step;
     *         {@code TARGET_NOT_REACHABLE}; or what {@link #info} throws
     */
    public static MigrationInfo validate(MigrationConfig config) {
        MigrationInfo info = info(config);
        List<EditedStep> edited = info.editedSteps();
        if (!edited.isEmpty()) {
            throw new SmartMigrationException(ErrorCode.MIGRATION_EDITED,
                    AppliedChanges.describe(edited, config.ledgerName()),
                    Map.of("steps", String.join(",", edited.stream().map(EditedStep::id).toList())), null);
        }
        if (info.targetStatus() == TargetStatus.UNREACHABLE) {
            String tag = ErrorCode.TARGET_NOT_REACHABLE.tag() + " ";
            String problem = info.targetProblem().orElse("");
            throw new SmartMigrationException(ErrorCode.TARGET_NOT_REACHABLE,
                    problem.startsWith(tag) ? problem.substring(tag.length()) : problem);
        }
        return info;
    }

    /**
     * Operator call: accepts the code as it is now for every applied step it no longer matches (edited since it ran,
     * re-ranged, or removed from the chain), the way Flyway's {@code repair} accepts changed checksums. Each is
     * recorded in the ledger's history with who ({@link MigrationConfig#owner()}) and when, under the ledger's lock
     * (waiting up to {@code lockWait}); from then on the steps are checked against the code as it is now. It also
     * brings the digest the fast path compares up to date (for a ledger last written before fingerprints). Use it
     * only when the change is intended and the data is right: a fresh install runs the code as it is now.
     *
     * <pre>{@code
     * List<EditedStep> accepted = MigrationRuntime.acceptEdits(MigrationConfig.builder()
     *     .mongo(mongoClient, "appdb")
     *     .owner("alice (ticket OPS-42)")             // recorded as who accepted them
     *     .build());
     * }</pre>
     *
     * @param config the configuration; its target version may be unset
     * @return the steps accepted, empty when there were none (the ledger is then written only to bring its digest
     *         up to date, and not at all when it is current or has no version)
     * @throws SmartMigrationException {@code LOCK_TIMEOUT}, {@code LEDGER_CORRUPT}, {@code LEDGER_UNAVAILABLE},
     *         {@code CHAIN_NOT_FOUND} or a chain rule's code
     */
    public static List<EditedStep> acceptEdits(MigrationConfig config) {
        return EditAcceptance.accept(config);
    }

    /**
     * Reads the data version from the ledger, with the version-only read of the fast path: one request that fetches
     * neither history nor checkpoints, so the rest of the ledger is not checked; {@link #info} reads and checks all
     * of it.
     *
     * @param config the configuration; its target version may be unset
     * @return the version, or empty when the ledger is new
     * @throws SmartMigrationException {@code LEDGER_CORRUPT} or {@code LEDGER_UNAVAILABLE}
     */
    public static Optional<String> currentVersion(MigrationConfig config) {
        return Ledgers.open(config).readVersion();
    }

    /**
     * Operator call: who holds the ledger's lock. A lock past its {@link LockInfo#expiresAt()} (by the store's
     * clock) is free for the next instance to take.
     *
     * @param config the configuration; its target version may be unset
     * @return the stored lock, or empty when none is held
     * @throws SmartMigrationException {@code LEDGER_CORRUPT} or {@code LEDGER_UNAVAILABLE}
     */
    public static Optional<LockInfo> lockInfo(MigrationConfig config) {
        return Ledgers.open(config).read().flatMap(LedgerSnapshot::lockInfo);
    }

    /**
     * Operator call: removes the ledger's lock, live or not, keeping the state. Use it only when the holder is
     * known to be dead and its lease cannot be waited out: a live holder loses the lock and fails with
     * {@code LOCK_LOST} at its next ledger write, but a data write it has already started may still land.
     *
     * @param config the configuration; its target version may be unset
     * @return the lock that was removed, or empty when there was none
     * @throws SmartMigrationException {@code LEDGER_CORRUPT} or {@code LEDGER_UNAVAILABLE}
     */
    public static Optional<LockInfo> forceUnlock(MigrationConfig config) {
        return Ledgers.open(config).forceUnlock();
    }
}
