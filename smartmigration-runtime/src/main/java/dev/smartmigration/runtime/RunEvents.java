package dev.smartmigration.runtime;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one run's (or one fleet's) events to the configured listeners; a listener's exception is logged, never
 * propagated.
 */
final class RunEvents {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationListener.class);

    private final List<MigrationListener> listeners;
    private final String name;
    private final Clock clock;

    /** A run's: events name its ledger and are timed by its clock. */
    RunEvents(MigrationConfig config) {
        this(config.listeners(), config.ledgerName(), config.clock());
    }

    /** A fleet's: events name the fleet and are timed by the system clock. */
    RunEvents(FleetConfig fleet) {
        this(fleet.listeners(), fleet.name(), Clock.systemUTC());
    }

    private RunEvents(List<MigrationListener> listeners, String name, Clock clock) {
        this.listeners = listeners;
        this.name = name;
        this.clock = clock;
    }

    /** @param event builds the event from the ledger's name and the time; not called when nobody listens */
    void emit(EventFactory event) {
        if (listeners.isEmpty()) {
            return;
        }
        MigrationEvent e = event.create(name, clock.instant());
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
