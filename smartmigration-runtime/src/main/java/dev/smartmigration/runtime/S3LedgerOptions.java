package dev.smartmigration.runtime;

/**
 * Settings of the ledger when it is kept in S3 ({@link MigrationConfig.Builder#s3LedgerOptions}). Immutable; build
 * with {@link #builder()}.
 *
 * <pre>{@code
 * MigrationConfig config = MigrationConfig.builder()
 *     .targetVersion("2.3.0")
 *     .s3(s3Client, "orders-data")
 *     .s3LedgerOptions(S3LedgerOptions.builder()
 *         .bestEffortLocking(true)    // a store without conditional writes, one instance at a time
 *         .build())
 *     .build();
 * }</pre>
 */
public final class S3LedgerOptions {

    private final boolean bestEffortLocking;

    private S3LedgerOptions(Builder builder) {
        this.bestEffortLocking = builder.bestEffortLocking;
    }

    /** {@return a builder holding the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the default options: conditional writes are required} */
    public static S3LedgerOptions defaults() {
        return builder().build();
    }

    /**
     * Whether the ledger may run on a store that ignores conditional writes ({@code If-None-Match},
     * {@code If-Match}). When {@code false} (the default) such a store is refused with
     * {@code CONDITIONAL_WRITES_UNSUPPORTED}; when {@code true} the ledger logs a warning once and carries on, and
     * its lock no longer excludes a second instance: run a single instance at a time.
     *
     * @return whether best-effort locking was opted into
     */
    public boolean bestEffortLocking() {
        return bestEffortLocking;
    }

    @Override
    public String toString() {
        return "S3LedgerOptions{bestEffortLocking=" + bestEffortLocking + "}";
    }

    /** Builds {@link S3LedgerOptions}; starts from the defaults. */
    public static final class Builder {

        private boolean bestEffortLocking;

        private Builder() {
        }

        /**
         * Opts into (or out of) running on a store that ignores conditional writes; see
         * {@link S3LedgerOptions#bestEffortLocking()}.
         *
         * @param bestEffortLocking {@code true} to accept such a store with a warning; default {@code false}
         * @return this builder
         */
        public Builder bestEffortLocking(boolean bestEffortLocking) {
            this.bestEffortLocking = bestEffortLocking;
            return this;
        }

        /** {@return the options} */
        public S3LedgerOptions build() {
            return new S3LedgerOptions(this);
        }
    }
}
