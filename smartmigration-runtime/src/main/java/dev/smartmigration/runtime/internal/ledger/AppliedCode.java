package dev.smartmigration.runtime.internal.ledger;

import java.util.Objects;

/**
 * What the ledger keeps beside its version so that a run at the target can tell, from the one small read of the
 * fast path, that no applied step was edited since: the digest of the chain's steps from {@code since} to the
 * ledger's version (their ids, ranges and fingerprints) as the last writer computed it, after it had checked them
 * against the history. The runtime computes the same digest from its own chain and compares; only when they differ
 * does it read the whole history to find out what changed.
 *
 * @param since  the {@code from} of the first step the ledger records as applied (the ledger's version when none is)
 * @param digest {@code sha256:<hex>} of those steps, or {@code null} when the last writer found an applied step
 *               edited, removed or re-ranged (every run then reads the history and reports it again)
 */
public record AppliedCode(String since, String digest) {

    /** Rejects a {@code null} {@code since}. */
    public AppliedCode {
        Objects.requireNonNull(since, "since");
    }
}
