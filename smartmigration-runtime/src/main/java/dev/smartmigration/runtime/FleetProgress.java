package dev.smartmigration.runtime;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress of a fleet call, counted as tenants finish and logged every {@code progressInterval} while the call
 * lasts: tenants done of all, failures, tenants waiting for another instance, the rate so far and the time left at
 * that rate.
 *
 * <pre>
 * Fleet: 412 of 1000 tenants done (3 failed, 12 held by other instances), 37.5 tenants/s, about 16 s left
 * </pre>
 */
final class FleetProgress {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRuntime.class);

    private final int total;
    private final Duration interval;
    private final long startNanos;
    private final String prefix;
    private final RunEvents events;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private ScheduledExecutorService timer;

    /**
     * @param total      how many tenants the call has
     * @param fleet      the fleet (its progress interval, name and listeners)
     * @param startNanos when the call began, by {@link System#nanoTime()}
     * @param events     the fleet's events, told {@link MigrationEvent.FleetProgress} with each line (delivery
     *                   synchronised on it)
     */
    FleetProgress(int total, FleetConfig fleet, long startNanos, RunEvents events) {
        this.total = total;
        this.interval = fleet.progressInterval();
        this.startNanos = startNanos;
        this.prefix = fleet.name().equals(FleetConfig.DEFAULT_NAME) ? "Fleet" : "Fleet \"" + fleet.name() + "\"";
        this.events = events;
    }

    /** Starts the periodic line (none for an empty fleet). */
    void start() {
        if (total == 0) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "smartmigration-fleet-progress");
            t.setDaemon(true);
            return t;
        });
        long ms = interval.toMillis();
        timer.scheduleAtFixedRate(this::report, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Stops the periodic line. */
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** A tenant was set aside because another instance holds it. */
    void setAside() {
        waiting.incrementAndGet();
    }

    /**
     * @param result      a tenant's outcome
     * @param wasSetAside whether it had been set aside
     */
    void done(TenantResult result, boolean wasSetAside) {
        done.incrementAndGet();
        if (result.outcome() == TenantOutcome.FAILED) {
            failed.incrementAndGet();
        }
        if (wasSetAside) {
            waiting.decrementAndGet();
        }
    }

    /** Logs the progress line and tells the fleet's listeners the same numbers. */
    private void report() {
        long now = System.nanoTime();
        LOG.info("{}", line(now));
        int finished = done.get();
        double rate = rate(finished, now);
        Duration remaining = remaining(finished, rate);
        synchronized (events) {
            events.emit((name, at) -> new MigrationEvent.FleetProgress(name, at, total, finished, failed.get(),
                    waiting.get(), rate, remaining));
        }
    }

    private double rate(int finished, long nowNanos) {
        double seconds = (nowNanos - startNanos) / 1e9;
        return seconds > 0 ? finished / seconds : 0;
    }

    private Duration remaining(int finished, double rate) {
        return rate > 0 ? Duration.ofMillis((long) ((total - finished) / rate * 1000)) : null;
    }

    /**
     * @param nowNanos {@link System#nanoTime()} now
     * @return the progress line, e.g. {@code Fleet: 412 of 1000 tenants done (3 failed), 37.5 tenants/s, ...}
     */
    String line(long nowNanos) {
        int finished = done.get();
        double rate = rate(finished, nowNanos);
        StringBuilder line = new StringBuilder(prefix).append(": ").append(finished).append(" of ").append(total)
                .append(" tenants done (").append(failed.get()).append(" failed");
        int held = waiting.get();
        if (held > 0) {
            line.append(", ").append(held).append(" held by other instances");
        }
        line.append("), ").append(String.format(Locale.ROOT, "%.1f", rate)).append(" tenants/s");
        if (rate > 0 && finished < total) {
            line.append(", about ").append(formatDuration(remaining(finished, rate))).append(" left");
        }
        return line.toString();
    }

    /**
     * @param d a duration
     * @return e.g. {@code 840 ms}, {@code 16.2 s}, {@code 3 min 20 s}, {@code 2 h 5 min}
     */
    static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = d.toSeconds();
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }
}
