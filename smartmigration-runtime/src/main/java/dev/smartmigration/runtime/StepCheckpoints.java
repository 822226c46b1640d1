package dev.smartmigration.runtime;

import dev.smartmigration.runtime.internal.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One step's checkpoints, kept in the run's {@link LedgerSession} and written through it at once. */
final class StepCheckpoints implements Checkpoints {

    private final String stepId;
    private final LedgerSession session;
    private final RunEvents events;

    StepCheckpoints(String stepId, LedgerSession session, RunEvents events) {
        this.stepId = stepId;
        this.session = session;
        this.events = events;
    }

    @Override
    public <T> Optional<T> read(String key, Class<T> type) {
        String json = session.state().checkpointsOf(stepId).get(checkKey(key));
        return json == null ? Optional.empty() : Optional.ofNullable(Json.read(stepId, key, json, type));
    }

    @Override
    public void write(String key, Object value) {
        checkKey(key);
        String json = value == null ? null : Json.write(stepId, key, value);
        session.update(state -> {
            Map<String, String> values = new LinkedHashMap<>(state.checkpointsOf(stepId));
            if (json == null) {
                values.remove(key);
            } else {
                values.put(key, json);
            }
            return state.withCheckpoints(stepId, values);
        });
        events.emit((name, at) -> new MigrationEvent.CheckpointWritten(name, at, stepId, key));
    }

    @Override
    public void clear() {
        session.update(state -> state.withCheckpoints(stepId, Map.of()));
    }

    private String checkKey(String key) {
        if (key == null || key.isBlank()) {
            throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS, "step \"" + stepId
                    + "\" used a blank checkpoint key; name each checkpoint, e.g. \"lastId\".");
        }
        return key;
    }
}
