package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The waits {@link Throttle} computes, on made-up clock readings. */
class ThrottleTest {

    private static final long MS = Duration.ofMillis(1).toNanos();

    @Test
    void noLimitNoPause_neverWaits() {
        Throttle throttle = new Throttle(0, 0);
        assertEquals(0, throttle.waitBefore(0));
        throttle.started(0);
        throttle.finished(5 * MS, 1_000);
        assertEquals(0, throttle.waitBefore(5 * MS));
    }

    @Test
    void maxPerSecond_makesEachBatchTakeItsShare_fromItsStartToTheNext() {
        Throttle throttle = new Throttle(1_000, 0);
        assertEquals(0, throttle.waitBefore(0), "the first batch starts at once");
        throttle.started(0);
        throttle.finished(200 * MS, 500);
        assertEquals(300 * MS, throttle.waitBefore(200 * MS), "500 items at 1,000/s take 500 ms");
        throttle.started(500 * MS);
        throttle.finished(1_700 * MS, 500);
        assertEquals(0, throttle.waitBefore(1_700 * MS), "a batch slower than its share waits nothing");
        throttle.started(1_700 * MS);
        throttle.finished(1_710 * MS, 100);
        assertEquals(90 * MS, throttle.waitBefore(1_710 * MS), "the slow batch earned no burst");
    }

    @Test
    void pause_isCountedFromTheBatchEnd_andTheLongerOfTheTwoWaitsApplies() {
        Throttle throttle = new Throttle(100, 50 * MS);
        throttle.started(0);
        throttle.finished(20 * MS, 1);
        assertEquals(50 * MS, throttle.waitBefore(20 * MS), "pause 50 ms beats 1 item at 100/s (10 ms)");
        throttle.started(70 * MS);
        throttle.finished(80 * MS, 50);
        assertEquals(490 * MS, throttle.waitBefore(80 * MS), "50 items at 100/s (500 ms) beat the pause");
    }
}
