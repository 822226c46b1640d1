package dev.smartmigration.cli;

import dev.smartmigration.runtime.ErrorCode;

/** The CLI's documented exit codes (docs/operations.md). */
enum ExitCode {
    /** The command did what was asked (for status and plan: the report was printed). */
    OK(0),
    /** A coded error not listed below (the message names its code). */
    FAILED(1),
    /** The command line was not understood. */
    USAGE(2),
    /** The lock is held by another instance ({@code LOCK_TIMEOUT}), or unlock or repair was not confirmed. */
    LOCK_NOT_OBTAINED(3),
    /** A step failed ({@code STEP_FAILED}); the ledger recorded it. */
    STEP_FAILED(4),
    /** The ledger is unreadable or foreign ({@code LEDGER_CORRUPT}); it was not touched. */
    LEDGER_CORRUPT(5),
    /** The ledger's store could not be reached ({@code LEDGER_UNAVAILABLE}). */
    STORE_UNAVAILABLE(6),
    /** An applied step was edited, re-ranged or removed since it ran ({@code MIGRATION_EDITED}). */
    MIGRATION_EDITED(7),
    /** A fleet's tenant did not reach the target ({@code FLEET_FAILED}); every tenant was tried, each failure listed. */
    FLEET_FAILED(8);

    final int value;

    ExitCode(int value) {
        this.value = value;
    }

    static ExitCode of(ErrorCode code) {
        switch (code) {
            case LOCK_TIMEOUT:
                return LOCK_NOT_OBTAINED;
            case STEP_FAILED:
                return STEP_FAILED;
            case LEDGER_CORRUPT:
                return LEDGER_CORRUPT;
            case LEDGER_UNAVAILABLE:
                return STORE_UNAVAILABLE;
            case MIGRATION_EDITED:
                return MIGRATION_EDITED;
            case FLEET_FAILED:
                return FLEET_FAILED;
            default:
                return FAILED;
        }
    }
}
