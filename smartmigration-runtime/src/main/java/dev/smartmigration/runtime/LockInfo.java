package dev.smartmigration.runtime;

import java.time.Duration;
import java.time.Instant;

/**
 * The lock as stored in the ledger, for the runner and for operators.
 *
 * @param owner       human-readable instance name (host, pid)
 * @param token       the lease's fencing token
 * @param acquiredAt  when the lease was taken, by the store's clock
 * @param heartbeatAt when it was last renewed, by the store's clock
 * @param ttl         how long it lives after {@code heartbeatAt}
 */
public record LockInfo(String owner, String token, Instant acquiredAt, Instant heartbeatAt, Duration ttl) {

    /** @return when the lease expires unless renewed, by the store's clock */
    public Instant expiresAt() {
        return heartbeatAt.plus(ttl);
    }
}
