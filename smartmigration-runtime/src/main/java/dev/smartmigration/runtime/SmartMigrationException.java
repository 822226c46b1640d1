package dev.smartmigration.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one exception type smartmigration throws: a stable {@link ErrorCode}, a message that starts with the
 * code's tag, details for programs, and the root cause whenever there is one.
 *
 * <pre>{@code
 * try {
 *     MigrationRuntime.run(config);
 * } catch (SmartMigrationException e) {
 *     if (e.code() == ErrorCode.LOCK_TIMEOUT) {
 *         // another instance is still migrating: retry later or fail the boot
 *     }
 *     throw e;
 * }
 * }</pre>
 */
public class SmartMigrationException extends RuntimeException {

    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** The stable code. */
    private final ErrorCode code;
    /** Machine-readable facts. */
    private final Map<String, String> details;

    /**
     * An error with no cause and no details.
     *
     * @param code    the stable error code
     * @param message what went wrong and how to fix it, without the tag (it is added)
     */
    public SmartMigrationException(ErrorCode code, String message) {
        this(code, message, Map.of(), null);
    }

    /**
     * An error with a cause and no details.
     *
     * @param code    the stable error code
     * @param message what went wrong and how to fix it, without the tag (it is added)
     * @param cause   the root cause, kept as {@link #getCause()}
     */
    public SmartMigrationException(ErrorCode code, String message, Throwable cause) {
        this(code, message, Map.of(), cause);
    }

    /**
     * An error with details and, when there is one, a cause.
     *
     * @param code    the stable error code
     * @param message what went wrong and how to fix it, without the tag (it is added)
     * @param details machine-readable facts (step id, versions, lock owner...); {@code null} values are dropped
     * @param cause   the root cause, or {@code null}
     */
    public SmartMigrationException(ErrorCode code, String message, Map<String, String> details, Throwable cause) {
        super(Objects.requireNonNull(code, "code").tag() + " " + message, cause);
        this.code = code;
        Map<String, String> copy = new LinkedHashMap<>();
        if (details != null) {
            details.forEach((k, v) -> {
                if (k != null && v != null) {
                    copy.put(k, v);
                }
            });
        }
        this.details = Collections.unmodifiableMap(copy);
    }

    /** {@return the stable code of this error} */
    public ErrorCode code() {
        return code;
    }

    /** {@return immutable machine-readable details, in insertion order} */
    public Map<String, String> details() {
        return details;
    }
}
