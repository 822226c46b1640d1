package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The progress line's numbers and how durations read. */
class WalkProgressTest {

    @Test
    void duration_readsAsAPersonWouldSayIt() {
        assertEquals("0.3 s", WalkProgress.duration(Duration.ofMillis(300)));
        assertEquals("45 s", WalkProgress.duration(Duration.ofSeconds(45)));
        assertEquals("3 min 20 s", WalkProgress.duration(Duration.ofSeconds(200)));
        assertEquals("2 h 5 min", WalkProgress.duration(Duration.ofMinutes(125)));
    }
}
