package dev.smartmigration.runtime.internal.ledger;

import java.time.Duration;
import java.util.Objects;

/**
 * A held lock: who holds it and the unique token that fences every write made under it.
 *
 * @param owner human-readable instance name (host, pid)
 * @param token unique per acquisition; the ledger accepts writes only while the stored lock carries it
 * @param ttl   how long the lease lives without renewal
 */
public record Lease(String owner, String token, Duration ttl) {
    /** Rejects {@code null} components. */
    public Lease {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(ttl, "ttl");
    }
}
