package dev.smartmigration.runtime;

/**
 * How long a batched walk waits before each batch: at least the pause after the previous batch ended, and long
 * enough that each batch of {@code n} items takes at least {@code n / maxPerSecond} seconds from its start to the
 * next one's. Pure arithmetic on {@link System#nanoTime()} readings, so it can be tested without a clock.
 */
final class Throttle {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double maxPerSecond;
    private final long pauseNanos;
    private long batchStart;
    private long earliestNext;
    private boolean running;

    /**
     * @param maxPerSecond items per second at most, 0 for no limit
     * @param pauseNanos   the pause between batches
     */
    Throttle(double maxPerSecond, long pauseNanos) {
        this.maxPerSecond = maxPerSecond;
        this.pauseNanos = pauseNanos;
    }

    /**
     * @param now the time a batch is ready to start
     * @return how long it must wait first, in nanoseconds; 0 for the first batch
     */
    long waitBefore(long now) {
        return running ? Math.max(0, earliestNext - now) : 0;
    }

    /** @param now when the batch's handling starts (after the wait) */
    void started(long now) {
        batchStart = now;
    }

    /**
     * @param now   when the batch's handling and checkpoint ended
     * @param items how many items it had
     */
    void finished(long now, int items) {
        long byRate = maxPerSecond > 0 ? batchStart + (long) Math.ceil(items * NANOS_PER_SECOND / maxPerSecond) : now;
        earliestNext = Math.max(now + pauseNanos, byRate);
        running = true;
    }
}
