package dev.smartmigration.runtime.internal.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * How a new ledger was stamped because every store was empty: the steps up to {@code version} never ran, because
 * the application created current data itself.
 *
 * @param version   the version stamped ({@code freshInstallVersion})
 * @param stampedAt when, by the runner's clock
 * @param owner     the instance that stamped it
 */
public record FreshInstall(String version, Instant stampedAt, String owner) {

    /** Rejects {@code null} components. */
    public FreshInstall {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(stampedAt, "stampedAt");
        Objects.requireNonNull(owner, "owner");
    }
}
