package dev.smartmigration.runtime.internal.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * The lock as written in the ledger object. {@code acquiredAt} and {@code heartbeatAt} are the store's clock as
 * seen in the {@code Date} header of the writer's latest response (informational, may be {@code null}); expiry is
 * judged from the object's {@code Last-Modified}, which the store sets at every write.
 */
public record StoredLock(String owner, String token, Instant acquiredAt, Instant heartbeatAt, long ttlMs) {

    public StoredLock {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(token, "token");
    }

    public StoredLock heartbeat(Instant storeNow) {
        return new StoredLock(owner, token, acquiredAt, storeNow == null ? heartbeatAt : storeNow, ttlMs);
    }
}
