package dev.smartmigration.reliability;

import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationContext;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;

/** The chains the scenarios run, built in code, each leaving {@link Marks} for the parent to count. */
final class ScenarioChains {

    /** How many steps {@link #steps} has. */
    static final int STEP_COUNT = 10;
    /** Where {@link #steps} ends. */
    static final String STEPS_TARGET = "1." + STEP_COUNT + ".0";
    /** Where {@link #items} ends. */
    static final String ITEMS_TARGET = "1.1.0";
    /** The id of the one step of {@link #items}. */
    static final String ITEMS_STEP = "process-items";
    /** How many steps {@link #fleet} has. */
    static final int FLEET_STEP_COUNT = 3;
    /** Where {@link #fleet} ends. */
    static final String FLEET_TARGET = "1." + FLEET_STEP_COUNT + ".0";

    private ScenarioChains() {
    }

    /**
     * Ten steps, {@code 1.0.0 -> 1.1.0 -> ... -> 1.10.0}, each appending one {@code step} mark with its id.
     *
     * @param marks where a step's context writes its marks
     * @param owner the instance, recorded in each mark
     * @return the chain
     */
    static MigrationChain steps(Function<MigrationContext, Marks> marks, String owner) {
        MigrationChain.Builder chain = MigrationChain.builder();
        for (int i = 0; i < STEP_COUNT; i++) {
            String id = stepId(i);
            chain.step(id).from("1." + i + ".0").to("1." + (i + 1) + ".0")
                    .up(ctx -> marks.apply(ctx).add("step", id, owner));
        }
        return chain.build();
    }

    /**
     * One resumable step, {@code 1.0.0 -> 1.1.0}, that appends an {@code item} mark per item in batches and
     * writes checkpoint {@code next} after each batch: after a crash only the batch in flight may be redone.
     *
     * @param marks    where a step's context writes its marks
     * @param owner    the instance, recorded in each mark
     * @param items    how many items
     * @param batch    items per checkpoint
     * @param delayMs  pause after each item, so that a fault lands inside a batch
     * @param progress told each checkpoint value once it is in the ledger
     * @return the chain
     */
    static MigrationChain items(Function<MigrationContext, Marks> marks, String owner, int items, int batch,
                                long delayMs, IntConsumer progress) {
        return MigrationChain.builder().step(ITEMS_STEP).from("1.0.0").to(ITEMS_TARGET).resumable().up(ctx -> {
            Marks m = marks.apply(ctx);
            int next = ctx.checkpoint().read("next", Integer.class).orElse(0);
            while (next < items) {
                int end = Math.min(items, next + batch);
                for (int i = next; i < end; i++) {
                    m.add("item", itemKey(i), owner);
                    if (delayMs > 0) {
                        Thread.sleep(delayMs);
                    }
                }
                ctx.checkpoint().write("next", end);
                progress.accept(end);
                next = end;
            }
        }).build();
    }

    /**
     * The fleet scenarios' chain, {@code 1.0.0 -> 1.1.0 -> 1.2.0 -> 1.3.0}: each step tells {@code started} its
     * tenant and id, pauses {@code delayMs} (so that a kill lands inside it), then appends one {@code step} mark in
     * the tenant's own store. The second step of {@code failTenant} throws instead.
     *
     * @param marks      where a step's context writes its marks (the tenant's database or key prefix)
     * @param owner      the instance, recorded in each mark
     * @param delayMs    pause at the start of each step
     * @param failTenant the tenant whose second step fails, or {@code null}
     * @param started    told {@code tenant step-id} as each step starts
     * @return the chain
     */
    static MigrationChain fleet(Function<MigrationContext, Marks> marks, String owner, long delayMs, String failTenant,
                                Consumer<String> started) {
        MigrationChain.Builder chain = MigrationChain.builder();
        for (int i = 0; i < FLEET_STEP_COUNT; i++) {
            String id = stepId(i);
            boolean second = i == 1;
            chain.step(id).from("1." + i + ".0").to("1." + (i + 1) + ".0").up(ctx -> {
                String tenant = ctx.tenant().orElseThrow();
                started.accept(tenant + " " + id);
                if (delayMs > 0) {
                    Thread.sleep(delayMs);
                }
                if (second && tenant.equals(failTenant)) {
                    throw new IllegalStateException("tenant " + tenant + " has a broken record");
                }
                marks.apply(ctx).add("step", id, owner);
            });
        }
        return chain.build();
    }

    /**
     * @param i zero-based position in {@link #steps}
     * @return the step's id
     */
    static String stepId(int i) {
        return String.format("step-%02d", i + 1);
    }

    /**
     * @param i the item's number
     * @return its key in the marks (zero-padded, so keys sort by number)
     */
    static String itemKey(int i) {
        return String.format("%05d", i);
    }
}
