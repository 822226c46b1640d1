package dev.smartmigration.testkit;

import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationDefinition;
import dev.smartmigration.runtime.MigrationInfo;
import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.MigrationRuntime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs an application's migrations in its tests, through {@link MigrationRuntime} as the application does, and
 * checks that each step is idempotent: run once, then run again on the data it produced (as a retry or a
 * skip-forward resume would), it must leave the data as the first run did.
 *
 * <p>It is given the stores as a {@link MigrationConfig.Builder} supplier (a fresh builder each call, stores set,
 * target not needed) and sets the target itself. The chain is the one the builder names, else the application's
 * generated chain ({@link MigrationChain#generated()}). With the test servers of smartmigration-testing, a test is
 * five lines:
 *
 * <pre>{@code
 * @ExtendWith(MongoTestServerExtension.class)
 * class OrdersMigrationsTest {
 *     @Test
 *     void everyStepIsIdempotent(MongoClient client, MongoDatabase db) {
 *         db.getCollection("orders").insertOne(new Document("number", 1001).append("customer", "c-17"));
 *         MigrationTester.of(() -> MigrationConfig.builder().mongo(client, db.getName())).assertEveryStepIdempotent();
 *     }
 * }
 * }</pre>
 *
 * <p>Give each test a database (and bucket) of its own: the extensions' {@code MongoDatabase} and
 * {@code TestBucket} parameters are. The idempotency check's second run records itself in a ledger of its own
 * (named {@code idempotency-check-...}) beside the application's, in the same store.
 */
public final class MigrationTester {

    private final Supplier<MigrationConfig.Builder> stores;

    private MigrationTester(Supplier<MigrationConfig.Builder> stores) {
        this.stores = stores;
    }

    /**
     * A tester for the stores, ledger settings and (optionally) chain a configuration builder names.
     *
     * @param stores returns a new builder with the stores set on each call, e.g.
     *               {@code () -> MigrationConfig.builder().mongo(client, db.getName())}
     * @return the tester
     */
    public static MigrationTester of(Supplier<MigrationConfig.Builder> stores) {
        return new MigrationTester(Objects.requireNonNull(stores, "stores"));
    }

    /**
     * Runs the pending steps up to the end of the chain, as the application does at startup.
     *
     * @return the runtime's result
     */
    public MigrationResult run() {
        List<MigrationDefinition> steps = chain().steps();
        return runTo(steps.get(steps.size() - 1).to());
    }

    /**
     * Runs the pending steps up to a version, e.g. to seed data in an older shape before the step under test.
     *
     * @param version a version the chain reaches
     * @return the runtime's result
     */
    public MigrationResult runTo(String version) {
        return MigrationRuntime.run(config(version));
    }

    /** {@return what {@link MigrationRuntime#info} says about the ledger, against the end of the chain} */
    public MigrationInfo info() {
        List<MigrationDefinition> steps = chain().steps();
        return MigrationRuntime.info(config(steps.get(steps.size() - 1).to()));
    }

    /** {@return the data the stores hold now, the ledger left out} */
    public DataSnapshot snapshot() {
        return DataSnapshot.of(stores.get().build());
    }

    /**
     * Checks one step: runs the chain up to the step's {@code from} version (if the ledger is not there yet), runs
     * the step, takes a {@link DataSnapshot}, runs the step again on the data it produced, and compares.
     *
     * @param stepId the step's id
     * @throws AssertionError naming the step and every document, index or object the second run changed; or when
     *                        the ledger is already past the step
     * @throws IllegalArgumentException when the chain has no step with that id
     */
    public void assertIdempotent(String stepId) {
        List<MigrationDefinition> steps = chain().steps();
        int index = indexOf(steps, stepId);
        int at = position(steps, MigrationRuntime.currentVersion(stores.get().build()));
        if (at > index) {
            throw new AssertionError("step \"" + stepId + "\" cannot be checked: the ledger is at "
                    + steps.get(at - 1).to() + ", past the step's start " + steps.get(index).from()
                    + ". Check it on a new database or bucket, or before running the chain past it.");
        }
        if (at < index) {
            runTo(steps.get(index).from());
        }
        check(steps.get(index));
    }

    /**
     * Checks every pending step in chain order, each on the data the steps before it produced (see
     * {@link #assertIdempotent}); the ledger ends at the end of the chain. Seed the data the steps should see first.
     *
     * @throws AssertionError for the first step whose second run changed the data, naming what changed
     */
    public void assertEveryStepIdempotent() {
        List<MigrationDefinition> steps = chain().steps();
        int at = position(steps, MigrationRuntime.currentVersion(stores.get().build()));
        for (MigrationDefinition step : steps.subList(at, steps.size())) {
            check(step);
        }
    }

    private void check(MigrationDefinition step) {
        runTo(step.to());
        DataSnapshot once = snapshot();
        MigrationChain again = MigrationChain.builder().add(step).build();
        String ledger = "idempotency-check-" + UUID.randomUUID().toString().substring(0, 8);
        MigrationRuntime.run(stores.get().chain(again).ledgerName(ledger).targetVersion(step.to()).build());
        List<String> differences = once.differencesTo(snapshot());
        if (!differences.isEmpty()) {
            int shown = Math.min(differences.size(), 20);
            throw new AssertionError("step \"" + step.id() + "\" (" + step.from() + " -> " + step.to() + ") is not "
                    + "idempotent: run again on the data it produced, it changed " + differences.size()
                    + (differences.size() == 1 ? " thing" : " things") + ":\n  "
                    + differences.subList(0, shown).stream().collect(Collectors.joining("\n  "))
                    + (shown < differences.size() ? "\n  ... and " + (differences.size() - shown) + " more" : "")
                    + "\nA step may run again after a crash or a failed run (and a resumable one from its last "
                    + "checkpoint): make it converge, e.g. $set rather than $inc, upserts rather than inserts, "
                    + "skip objects already moved.");
        }
    }

    /** The chain under test: the one the builder names, else the application's generated chain. */
    private MigrationChain chain() {
        return stores.get().build().chain().orElseGet(MigrationChain::generated);
    }

    private MigrationConfig config(String target) {
        return stores.get().targetVersion(target).build();
    }

    private static int indexOf(List<MigrationDefinition> steps, String stepId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(stepId)) {
                return i;
            }
        }
        throw new IllegalArgumentException("the chain has no step \"" + stepId + "\"; its steps are "
                + steps.stream().map(MigrationDefinition::id).toList());
    }

    /** {@return the index of the first step the ledger has not passed: 0 for a new ledger, the size at the end} */
    private static int position(List<MigrationDefinition> steps, Optional<String> version) {
        if (version.isEmpty()) {
            return 0;
        }
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).from().equals(version.get())) {
                return i;
            }
        }
        if (steps.get(steps.size() - 1).to().equals(version.get())) {
            return steps.size();
        }
        throw new AssertionError("the ledger is at " + version.get() + ", which no step of the chain starts or "
                + "ends at (" + steps.stream().map(s -> s.from() + " -> " + s.to()).toList() + "). Test on a new "
                + "database or bucket.");
    }
}
