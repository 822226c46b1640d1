package dev.smartmigration.runtime;

import dev.smartmigration.runtime.internal.ledger.Ledger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call of {@link MigrationRuntime#runFleet}: every tenant's run, {@code parallelism} at a time, sharing the
 * work with any other instance doing the same.
 *
 * <ol>
 *   <li><b>First pass.</b> The tenants in an order of this instance's own (a random permutation, so instances
 *       booting together start in different places). Each tenant gets the run algorithm of a single call, except
 *       that its lock is tried once, without waiting ({@code LockAcquirer.tryOnce}): a tenant whose lock another
 *       instance holds is set aside at once and the worker moves on.
 *   <li><b>End.</b> The tenants set aside get the full run algorithm, waiting up to their {@code lockWait} for
 *       the other instance, and ending as soon as it has brought them to the target (or taking over a lease that
 *       expired, when the holder died).
 * </ol>
 *
 * Each tenant has its own ledger and lock, so what happens to one tenant is exactly what a single call does; a
 * tenant's failure is its outcome and stops nothing else. A tenant at the target costs one version read.
 */
final class FleetRunner {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRuntime.class);
    /** How many failed tenants {@code FLEET_FAILED} names in its message and keeps as suppressed exceptions. */
    private static final int FAILURES_SHOWN = 20;

    private final FleetConfig fleet;
    private final long startNanos = System.nanoTime();
    private final ChainCache chains = new ChainCache();
    private final Map<LedgerId, String> ledgers = new ConcurrentHashMap<>();
    /** The fleet's own events; delivered one at a time (synchronised on this), from workers and the progress thread. */
    private final RunEvents events;
    private Object probes;

    FleetRunner(FleetConfig fleet) {
        this.fleet = fleet;
        this.events = new RunEvents(fleet);
    }

    FleetResult run() {
        List<String> ids = fleet.tenants();
        List<Tenant> tenants = new ArrayList<>(ids.size());
        for (String id : ids) {
            tenants.add(new Tenant(id));
        }
        List<Tenant> order = new ArrayList<>(tenants);
        Collections.shuffle(order, ThreadLocalRandom.current());
        Queue<Tenant> untried = new ConcurrentLinkedQueue<>(order);
        Queue<Tenant> setAside = new ConcurrentLinkedQueue<>();
        FleetProgress progress = new FleetProgress(ids.size(), fleet, startNanos, events);
        progress.start();
        try {
            FleetWorkers.run(Math.max(1, Math.min(fleet.parallelism(), ids.size())), () -> {
                Tenant next = untried.poll();
                return next != null ? next : setAside.poll();
            }, tenant -> {
                TenantResult result = tenant.work();
                if (result == null) {
                    progress.setAside();
                    setAside.add(tenant);
                } else {
                    tenant.result = result;
                    progress.done(result, tenant.wasSetAside);
                    synchronized (events) {
                        events.emit((name, at) -> new MigrationEvent.TenantFinished(name, at, result));
                    }
                }
            });
        } finally {
            progress.stop();
        }
        FleetResult result = new FleetResult(tenants.stream().map(t -> t.result).toList(), elapsed(startNanos));
        logSummary(result);
        synchronized (events) {
            events.emit((name, at) -> new MigrationEvent.FleetFinished(name, at, result));
        }
        List<TenantResult> failed = result.failed();
        if (!failed.isEmpty() && fleet.failurePolicy() == FleetConfig.FailurePolicy.FAIL) {
            throw fleetFailed(result, failed);
        }
        return result;
    }

    FleetInfo info() {
        List<String> ids = fleet.tenants();
        TenantInfo[] infos = new TenantInfo[ids.size()];
        Queue<Reading> unread = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < ids.size(); i++) {
            unread.add(new Reading(i, ids.get(i)));
        }
        FleetWorkers.run(Math.max(1, Math.min(fleet.parallelism(), ids.size())), unread::poll, reading -> {
            try {
                infos[reading.index()] = TenantInfo.of(reading.tenant(),
                        MigrationRuntime.info(fleet.config(reading.tenant()), chains));
            } catch (SmartMigrationException e) {
                infos[reading.index()] = TenantInfo.unreadable(reading.tenant(), e);
            }
        });
        return new FleetInfo(List.of(infos));
    }

    /** One tenant to read for {@link #info()}, and its place in the list. */
    private record Reading(int index, String tenant) implements FleetWorkers.Task {
    }

    private void logSummary(FleetResult result) {
        String line = (fleet.name().equals(FleetConfig.DEFAULT_NAME) ? "Fleet" : "Fleet \"" + fleet.name() + "\"")
                + " of " + result.tenants().size() + " tenant(s) done in "
                + FleetProgress.formatDuration(result.totalDuration()) + ": " + result.summary();
        if (result.count(TenantOutcome.FAILED) > 0) {
            LOG.warn("{}", line);
        } else {
            LOG.info("{}", line);
        }
    }

    private static SmartMigrationException fleetFailed(FleetResult result, List<TenantResult> failed) {
        StringBuilder message = new StringBuilder().append(failed.size()).append(" of ")
                .append(result.tenants().size()).append(" tenant(s) did not reach the target: ");
        List<String> shown = new ArrayList<>();
        for (TenantResult t : failed.subList(0, Math.min(FAILURES_SHOWN, failed.size()))) {
            shown.add("tenant \"" + t.tenant() + "\": " + t.error().orElseThrow().getMessage());
        }
        message.append(String.join("; ", shown));
        if (failed.size() > FAILURES_SHOWN) {
            message.append("; and ").append(failed.size() - FAILURES_SHOWN).append(" more (FleetResult.failed(), "
                    + "with FailurePolicy.REPORT, lists them all)");
        }
        message.append(". Every other tenant was tried. Fix the causes and run again: tenants at the target cost one "
                + "read each, and each failed tenant resumes where its ledger stands.");
        Map<String, String> details = new LinkedHashMap<>();
        details.put("tenants", Integer.toString(result.tenants().size()));
        details.put("failed", Integer.toString(failed.size()));
        details.put("failedTenants", failed.stream().limit(100).map(TenantResult::tenant)
                .collect(Collectors.joining(",")));
        SmartMigrationException e = new SmartMigrationException(ErrorCode.FLEET_FAILED, message.toString(), details,
                failed.get(0).error().orElseThrow());
        for (TenantResult t : failed.subList(1, Math.min(FAILURES_SHOWN, failed.size()))) {
            e.addSuppressed(t.error().orElseThrow());
        }
        return e;
    }

    /** The S3 ledgers of this call share one probe result per client and bucket. */
    private synchronized Object probes() {
        if (probes == null) {
            probes = Ledgers.sharedProbes();
        }
        return probes;
    }

    /**
     * Opens a tenant's ledger, after checking that no other tenant of this call has the same one.
     *
     * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} when another tenant has it
     */
    private Ledger open(String tenant, MigrationConfig config) {
        String other = ledgers.putIfAbsent(LedgerId.of(config), tenant);
        if (other != null) {
            throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS, "tenants \"" + other + "\" and \"" + tenant
                    + "\" have the same ledger (" + LedgerId.of(config).describe() + "): each tenant needs its own, "
                    + "or one tenant's run would count for the other. Give each tenant its own database, key prefix "
                    + "or ledgerName in FleetConfig.builder().config(...).",
                    Map.of("tenant", tenant, "otherTenant", other), null);
        }
        return Ledgers.open(config, config.ledgerBackend() == LedgerBackend.S3 ? probes() : null);
    }

    private static Duration elapsed(long since) {
        return Duration.ofNanos(System.nanoTime() - since);
    }

    /** Where a ledger lives: clients compared by identity, as two clients may reach different servers. */
    private record LedgerId(Object client, String place, String ledgerName) {

        static LedgerId of(MigrationConfig config) {
            if (config.ledgerBackend() == LedgerBackend.MONGO) {
                return new LedgerId(config.mongoClient().orElseThrow(), "MongoDB database "
                        + config.mongoDatabase().orElseThrow() + ", collection " + config.mongoLedgerCollection(),
                        config.ledgerName());
            }
            return new LedgerId(config.s3Client().orElseThrow(), "S3 bucket " + config.bucket().orElseThrow()
                    + ", key prefix \"" + config.s3KeyPrefix() + "\"", config.ledgerName());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof LedgerId id && id.client == client && id.place.equals(place)
                    && id.ledgerName.equals(ledgerName);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * System.identityHashCode(client) + place.hashCode()) + ledgerName.hashCode();
        }

        String describe() {
            return place + ", ledger \"" + ledgerName + "\"";
        }
    }

    /** One tenant of this call, worked on by one worker at a time. */
    private final class Tenant implements FleetWorkers.Task {
        private final String id;
        private MigrationConfig config;
        private Ledger ledger;
        private boolean wasSetAside;
        private long spentNanos;
        private TenantResult result;

        Tenant(String id) {
            this.id = id;
        }

        @Override
        public String tenant() {
            return id;
        }

        /**
         * The first pass (the lock tried once), or, for a tenant set aside, the end (waiting for the lock).
         *
         * @return the tenant's result, or {@code null} when another instance holds its lock (first pass only)
         */
        TenantResult work() {
            long t0 = System.nanoTime();
            try {
                if (!wasSetAside) {
                    config = fleet.config(id);
                    ledger = open(id, config);
                    Optional<Runner.Ran> ran = new Runner(config, ledger, id, chains).runTenant(true);
                    if (ran.isEmpty()) {
                        wasSetAside = true;
                        return null;
                    }
                    return TenantResult.of(id, ran.get().outcome(), ran.get().result(), spent(t0));
                }
                Runner.Ran ran = new Runner(config, ledger, id, chains).runTenant(false).orElseThrow();
                // Set aside because another instance held it, and now at the target: that instance got it there.
                TenantOutcome outcome = ran.outcome() == TenantOutcome.UP_TO_DATE ? TenantOutcome.FINISHED_BY_OTHER
                        : ran.outcome();
                return TenantResult.of(id, outcome, ran.result(), spent(t0));
            } catch (SmartMigrationException e) {
                LOG.warn("Tenant \"{}\" did not reach the target: {}", id, e.getMessage());
                return TenantResult.failed(id, e, spent(t0));
            } finally {
                spentNanos += System.nanoTime() - t0;
            }
        }

        private Duration spent(long since) {
            return Duration.ofNanos(spentNanos + System.nanoTime() - since);
        }
    }
}
