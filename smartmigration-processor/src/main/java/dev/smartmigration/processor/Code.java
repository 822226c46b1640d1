package dev.smartmigration.processor;

import dev.smartmigration.chainrules.ChainMessages;
import dev.smartmigration.chainrules.Rule;

/**
 * The stable code of every compile error the processor reports. The chain rules' codes are shared with the
 * runtime's {@code ErrorCode}; the others exist only at compile time.
 */
enum Code {
    INVALID_VERSION,
    INVALID_STEP_ID,
    DUPLICATE_STEP_ID,
    CHAIN_GAP,
    CHAIN_OVERLAP,
    INVALID_STEP_RANGE,
    /** A {@code @Migration} class cannot be created by the generated chain. */
    INVALID_MIGRATION_CLASS,
    /** A processor option is malformed, or the chain's package cannot be chosen without one. */
    INVALID_OPTIONS,
    /** The output of an earlier build disagrees with the sources, so the whole chain cannot be known. */
    STALE_BUILD_OUTPUT,
    /** The processor failed unexpectedly, could not write its output, or a migration came too late. */
    PROCESSOR_ERROR;

    static Code of(Rule rule) {
        return valueOf(rule.name());
    }

    /** @return {@code [smartmigration:NAME]} */
    String tag() {
        return ChainMessages.tag(name());
    }
}
