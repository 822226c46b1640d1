package dev.smartmigration.runtime;

import java.util.Optional;

/**
 * A resumable step's checkpoints: small named values saved in the ledger as the step makes progress, so that after
 * a crash or failure the next run resumes where this one stopped. Only resumable steps get them
 * ({@link MigrationContext#checkpoint()}).
 *
 * <p>Each {@link #write} is persisted in the ledger before it returns, under the run's lock. When the step
 * succeeds its checkpoints are cleared; when it fails they are kept.
 *
 * <pre>{@code
 * long done = ctx.checkpoint().read("done", Long.class).orElse(0L);
 * for (long i = done; i < total; i += 1000) {
 *     processBatch(i, 1000);                       // idempotent per item
 *     ctx.checkpoint().write("done", i + 1000);
 * }
 * }</pre>
 */
public interface Checkpoints {

    /**
     * Reads a value saved by this step, in this run or an earlier one.
     *
     * @param key  the name it was written under
     * @param type the type to read it as, any type Jackson can bind JSON to
     * @param <T>  the value's type
     * @return the value, or empty if none was written
     * @throws SmartMigrationException {@link ErrorCode#CHECKPOINT_SERIALIZATION} if it cannot be read as {@code type}
     */
    <T> Optional<T> read(String key, Class<T> type);

    /**
     * Saves a value in the ledger now (a round trip to the ledger's store).
     *
     * @param key   a non-blank name
     * @param value any value Jackson can write as JSON; {@code null} removes the key
     * @throws SmartMigrationException {@link ErrorCode#LOCK_LOST} if this run no longer holds the lock,
     *         {@link ErrorCode#CHECKPOINT_SERIALIZATION} if the value cannot be written as JSON
     */
    void write(String key, Object value);

    /** Removes every checkpoint of this step, in the ledger now. */
    void clear();
}
