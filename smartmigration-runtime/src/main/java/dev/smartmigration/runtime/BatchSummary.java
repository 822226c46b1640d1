package dev.smartmigration.runtime;

import java.time.Duration;

/**
 * What one call of a batched walk ({@link MongoBatches}, {@link S3Batches}) did.
 *
 * @param name      the walk's name, which namespaces its checkpoint
 * @param processed items handed to the step by this call (the batch an earlier run was handling when it stopped,
 *                  handed over again, counts)
 * @param batches   batches handed to the step by this call
 * @param done      items the walk has finished in all, this call and earlier runs together
 * @param resumed   whether this call continued from an earlier run's checkpoint
 * @param elapsed   how long this call took, throttling waits included
 */
public record BatchSummary(String name, long processed, long batches, long done, boolean resumed, Duration elapsed) {
}
