package dev.smartmigration.runtime;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers one run's events to the configured listeners; a listener's exception is logged, never propagated. */
final class RunEvents {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationListener.class);

    private final List<MigrationListener> listeners;
    private final MigrationConfig config;

    RunEvents(MigrationConfig config) {
        this.listeners = config.listeners();
        this.config = config;
    }

    /** @param event builds the event from the ledger's name and the time; not called when nobody listens */
    void emit(EventFactory event) {
        if (listeners.isEmpty()) {
            return;
        }
        MigrationEvent e = event.create(config.ledgerName(), config.clock().instant());
        for (MigrationListener listener : listeners) {
            try {
                listener.onEvent(e);
            } catch (RuntimeException failure) {
                LOG.warn("MigrationListener {} failed on {}; the run goes on", listener, e.getClass().getSimpleName(),
                        failure);
            }
        }
    }

    /** An event's constructor, given the ledger's name and the time. */
    @FunctionalInterface
    interface EventFactory {
        MigrationEvent create(String ledgerName, Instant at);
    }
}
