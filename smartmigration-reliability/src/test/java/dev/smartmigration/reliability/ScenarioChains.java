package dev.smartmigration.reliability;

import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationContext;
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
