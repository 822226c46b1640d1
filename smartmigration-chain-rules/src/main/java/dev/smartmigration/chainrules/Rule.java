package dev.smartmigration.chainrules;

/**
 * The chain rules. Each has the name of the error code that reports it, at compile time (the processor's
 * {@code [smartmigration:NAME]} tag) and at run time ({@code dev.smartmigration.runtime.ErrorCode}).
 */
public enum Rule {
    /** A version is not a strict semantic version. */
    INVALID_VERSION,
    /** A step id is blank or has characters outside {@code [A-Za-z0-9._-]}. */
    INVALID_STEP_ID,
    /** Two steps share an id. */
    DUPLICATE_STEP_ID,
    /** A step does not start where the previous one ends. */
    CHAIN_GAP,
    /** Two steps start at the same version, or their ranges overlap. */
    CHAIN_OVERLAP,
    /** A step's {@code to} is not greater than its {@code from}. */
    INVALID_STEP_RANGE;

    /** {@return {@code [smartmigration:NAME]}, the tag that starts every message about this rule} */
    public String tag() {
        return ChainMessages.tag(name());
    }
}
