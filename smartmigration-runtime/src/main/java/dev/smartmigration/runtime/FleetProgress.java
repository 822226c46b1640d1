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
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private ScheduledExecutorService timer;

    FleetProgress(int total, Duration interval, long startNanos) {
        this.total = total;
        this.interval = interval;
        this.startNanos = startNanos;
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
        timer.scheduleAtFixedRate(() -> LOG.info("{}", line(System.nanoTime())), ms, ms, TimeUnit.MILLISECONDS);
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

    /**
     * @param nowNanos {@link System#nanoTime()} now
     * @return the progress line, e.g. {@code Fleet: 412 of 1000 tenants done (3 failed), 37.5 tenants/s, ...}
     */
    String line(long nowNanos) {
        int finished = done.get();
        double seconds = (nowNanos - startNanos) / 1e9;
        double rate = seconds > 0 ? finished / seconds : 0;
        StringBuilder line = new StringBuilder("Fleet: ").append(finished).append(" of ").append(total)
                .append(" tenants done (").append(failed.get()).append(" failed");
        int held = waiting.get();
        if (held > 0) {
            line.append(", ").append(held).append(" held by other instances");
        }
        line.append("), ").append(String.format(Locale.ROOT, "%.1f", rate)).append(" tenants/s");
        if (rate > 0 && finished < total) {
            line.append(", about ").append(formatDuration(Duration.ofMillis((long) ((total - finished) / rate * 1000))))
                    .append(" left");
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
