package dev.smartmigration.runtime.internal;

/**
 * Tells whether a store already holds application data, for fresh-install detection: an install is fresh
 * when every configured store is empty. One implementation per store, in the store's ledger package.
 */
@FunctionalInterface
public interface DataPresence {

    /**
     * Looks at the store (a read; never writes).
     *
     * @return whether it holds no application data (the ledger's own records do not count)
     * @throws dev.smartmigration.runtime.SmartMigrationException {@code LEDGER_UNAVAILABLE} when the store fails
     */
    boolean isEmpty();
}
