package dev.smartmigration.runtime;

import java.time.Duration;
import java.util.Map;

/** The settings every batched walk shares, each checked as it is set; {@link MongoBatches} and {@link S3Batches} hold one. */
final class WalkSettings {

    static final int DEFAULT_BATCH_SIZE = 1000;
    static final int MAX_BATCH_SIZE = 100_000;
    static final int MAX_NAME_LENGTH = 200;
    private static final Duration MAX_PAUSE = Duration.ofHours(1);

    private final String stepId;
    private String name;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private double maxPerSecond;
    private Duration pause = Duration.ZERO;

    WalkSettings(String stepId, String defaultName) {
        this.stepId = stepId;
        this.name = defaultName;
    }

    String name() {
        return name;
    }

    int batchSize() {
        return batchSize;
    }

    /** @return the limit on items per second, 0 for none */
    double maxPerSecond() {
        return maxPerSecond;
    }

    Duration pause() {
        return pause;
    }

    void name(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_NAME_LENGTH) {
            throw invalid("name(" + quoted(value) + ")", "a walk's name namespaces its checkpoint: give 1 to "
                    + MAX_NAME_LENGTH + " characters, not blank, distinct from the step's other walks");
        }
        name = value;
    }

    void batchSize(int value) {
        if (value < 1 || value > MAX_BATCH_SIZE) {
            throw invalid("batchSize(" + value + ")", "give 1 to " + MAX_BATCH_SIZE + " (default "
                    + DEFAULT_BATCH_SIZE + ")");
        }
        batchSize = value;
    }

    void maxPerSecond(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw invalid("maxPerSecond(" + value + ")", "give a positive number of items per second; leave it "
                    + "unset for no limit");
        }
        maxPerSecond = value;
    }

    void pause(Duration value) {
        if (value == null || value.isNegative() || value.compareTo(MAX_PAUSE) > 0) {
            throw invalid("pauseBetweenBatches(" + value + ")", "give a duration from zero to " + MAX_PAUSE);
        }
        pause = value;
    }

    private SmartMigrationException invalid(String call, String rule) {
        return new SmartMigrationException(ErrorCode.INVALID_OPTIONS, "step \"" + stepId + "\" called " + call
                + " on a batched walk: " + rule + ".", Map.of("step", stepId), null);
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
