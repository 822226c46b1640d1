package dev.smartmigration.spring.boot;

import dev.smartmigration.runtime.MigrationEvent;
import java.util.Objects;
import org.springframework.context.ApplicationEvent;
import org.springframework.core.ResolvableType;
import org.springframework.core.ResolvableTypeProvider;

/**
 * A {@link MigrationEvent} of the start-up migration, published as a Spring application event on the thread that
 * migrates. The type parameter is the event's own type, so a listener can ask for one kind only:
 *
 * <pre>{@code
 * @Bean
 * ApplicationListener<MigrationApplicationEvent<MigrationEvent.StepApplied>> stepLog() {
 *     return e -> LoggerFactory.getLogger("migrations").info("applied {} in {}",
 *             e.migrationEvent().result().id(), e.migrationEvent().result().duration());
 * }
 * }</pre>
 *
 * <p>With {@code smartmigration.run-at=initialization} the migration runs while the context starts, when Spring
 * delivers events to {@code ApplicationListener} beans and to listeners added to {@code SpringApplication}, but not
 * yet to {@code @EventListener} methods (they are registered once every singleton exists). A
 * {@link dev.smartmigration.runtime.MigrationListener} bean receives the same events in both cases.
 *
 * @param <E> the type of the migration event
 */
public class MigrationApplicationEvent<E extends MigrationEvent> extends ApplicationEvent
        implements ResolvableTypeProvider {

    private static final long serialVersionUID = 1L;

    private final transient E migrationEvent;

    /**
     * @param source         the object that published it (the application context)
     * @param migrationEvent what the migration did
     */
    public MigrationApplicationEvent(Object source, E migrationEvent) {
        super(source);
        this.migrationEvent = Objects.requireNonNull(migrationEvent, "migrationEvent");
    }

    /** @return what the migration did */
    public E migrationEvent() {
        return migrationEvent;
    }

    @Override
    public ResolvableType getResolvableType() {
        return ResolvableType.forClassWithGenerics(getClass(), ResolvableType.forInstance(migrationEvent));
    }

    @Override
    public String toString() {
        return "MigrationApplicationEvent{" + migrationEvent + "}";
    }
}
