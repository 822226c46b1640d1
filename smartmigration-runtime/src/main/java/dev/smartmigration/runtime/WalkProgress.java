package dev.smartmigration.runtime;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * A batched walk's progress: a log line at the start, one every {@link #LOG_INTERVAL} while it runs (done of the
 * estimated total, rate, time left) and one at the end, and a {@link MigrationEvent.BatchProgress} with the same
 * numbers after every batch.
 */
final class WalkProgress {

    /** How often a running walk logs its progress. */
    static final Duration LOG_INTERVAL = Duration.ofSeconds(5);

    private final Logger log;
    private final RunEvents events;
    private final String stepId;
    private final String name;
    private final String unit;
    private final Long total;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final long startNanos;
    private long lastLogNanos;
    private long done;
    private long processed;
    private long batches;

    /**
     * @param log      the step's logger
     * @param events   the run's listeners
     * @param stepId   the step
     * @param name     the walk's name
     * @param unit     what the items are, plural ("documents", "objects")
     * @param done     items finished by earlier runs
     * @param total    the estimated number of items in all, or {@code null} when unknown
     * @param nanoTime the monotonic clock
     * @param interval how often to log
     */
    WalkProgress(Logger log, RunEvents events, String stepId, String name, String unit, long done, Long total,
                 LongSupplier nanoTime, Duration interval) {
        this.log = log;
        this.events = events;
        this.stepId = stepId;
        this.name = name;
        this.unit = unit;
        this.done = done;
        this.total = total;
        this.nanoTime = nanoTime;
        this.intervalNanos = interval.toNanos();
        this.startNanos = nanoTime.getAsLong();
        this.lastLogNanos = startNanos;
    }

    /**
     * Logs the start.
     *
     * @param what    what is walked, e.g. "documents of app.users in _id order"
     * @param resumed whether an earlier run's checkpoint was found
     * @param size    the batch size
     */
    void started(String what, boolean resumed, int size) {
        log.info("Walk \"{}\" ({}, batches of {}): {}{}", name, what, count(size),
                total == null ? "total unknown" : "about " + count(total) + " " + unit + " in all",
                resumed ? ", resuming after " + count(done) + " done by an earlier run" : "");
    }

    /**
     * Counts a finished batch (its checkpoint written), tells the listeners and logs when the interval has passed.
     *
     * @param items the batch's size
     */
    void batchDone(int items) {
        done += items;
        processed += items;
        batches++;
        long now = nanoTime.getAsLong();
        emit(now, false);
        if (now - lastLogNanos >= intervalNanos) {
            lastLogNanos = now;
            log.info("Walk \"{}\": {}", name, line(now));
        }
    }

    /** Logs the end and tells the listeners. */
    void finished() {
        long now = nanoTime.getAsLong();
        emit(now, true);
        log.info("Walk \"{}\" finished: {} {} in all; this run {} in {} batch(es), {}, {}/s", name, count(done),
                unit, count(processed), count(batches), duration(Duration.ofNanos(now - startNanos)),
                count(Math.round(rate(now))));
    }

    long done() {
        return done;
    }

    long processed() {
        return processed;
    }

    long batches() {
        return batches;
    }

    /**
     * @param now a clock reading
     * @return the progress line's text: done of total, rate, time left
     */
    String line(long now) {
        double rate = rate(now);
        Duration remaining = remaining(rate, false);
        String of = total == null ? count(done) + " " + unit
                : count(done) + " of about " + count(total) + " " + unit + " (" + percent() + "%)";
        return of + ", " + count(Math.round(rate)) + "/s"
                + (remaining == null ? "" : ", about " + duration(remaining) + " left");
    }

    private void emit(long now, boolean finished) {
        double rate = rate(now);
        Duration remaining = remaining(rate, finished);
        events.emit((ledger, at) -> new MigrationEvent.BatchProgress(ledger, at, stepId, name, done, total, batches,
                rate, remaining, finished));
    }

    /** @return items per second in this run so far */
    private double rate(long now) {
        long elapsed = now - startNanos;
        return elapsed <= 0 ? 0 : processed * 1e9 / elapsed;
    }

    private Duration remaining(double rate, boolean finished) {
        if (finished) {
            return Duration.ZERO;
        }
        if (total == null || rate <= 0 || done > total) {
            return null;
        }
        return Duration.ofSeconds((long) Math.ceil((total - done) / rate));
    }

    private long percent() {
        return total <= 0 ? 100 : Math.min(100, done * 100 / total);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * @param d a duration
     * @return it as a person reads it: "2 h 5 min", "3 min 20 s", "45 s", "0.3 s"
     */
    static String duration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds >= 3600) {
            return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
        }
        if (seconds >= 60) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        if (seconds >= 10) {
            return seconds + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
