package dev.smartmigration.runtime;

import java.time.Duration;
import java.time.Instant;

/**
 * Who holds a ledger's lock, as {@link MigrationRuntime#lockInfo}, {@link MigrationRuntime#forceUnlock} and
 * {@link MigrationInfo#lock()} report it. A lock past {@link #expiresAt()} (by the store's clock, not this
 * machine's) is free for the next run to take.
 *
 * <pre>{@code
 * MigrationRuntime.lockInfo(config).ifPresent(lock ->
 *     System.out.println(lock.owner() + " holds the lock until " + lock.expiresAt() + " unless it renews"));
 * }</pre>
 *
 * @param owner       the holder's instance name ({@link MigrationConfig#owner()}, e.g. {@code web-7:4242})
 * @param token       the id of this acquisition of the lock (its fencing token)
 * @param acquiredAt  when the lease was taken, by the store's clock
 * @param heartbeatAt when it was last renewed, by the store's clock
 * @param ttl         how long it lives after {@code heartbeatAt}
 */
public record LockInfo(String owner, String token, Instant acquiredAt, Instant heartbeatAt, Duration ttl) {

    /** {@return when the lease expires unless renewed, by the store's clock} */
    public Instant expiresAt() {
        return heartbeatAt.plus(ttl);
    }
}
