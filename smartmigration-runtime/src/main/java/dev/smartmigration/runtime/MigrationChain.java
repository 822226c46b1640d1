package dev.smartmigration.runtime;

import dev.smartmigration.runtime.internal.ChainChecks;
import dev.smartmigration.runtime.internal.GeneratedChains;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The ordered steps that take the data from the first version to the last.
 *
 * <p>Normally the annotation processor generates the chain ({@code GeneratedMigrationChain}) from the
 * application's {@code @Migration} classes and the runtime finds it with {@link java.util.ServiceLoader}.
 * Tests, scripts and applications that do not use annotation processing assemble one in code; it is checked
 * by the same rules, with the same error codes, as the processor's:
 *
 * <pre>{@code
 * MigrationChain chain = MigrationChain.builder()
 *     .step("create-users-index").from("1.0.0").to("1.1.0")
 *         .description("Unique index on users.email")
 *         .up(ctx -> ctx.mongo().getCollection("users").createIndex(Indexes.ascending("email")))
 *     .step("backfill-names").from("1.1.0").to("1.2.0").resumable()
 *         .factory(BackfillNames::new)
 *     .build();
 * }</pre>
 */
public interface MigrationChain {

    /**
     * The steps in chain order: each starts at the version where the previous one ends.
     *
     * @return an immutable list
     */
    List<MigrationDefinition> steps();

    /**
     * The chain the annotation processor generated for this application ({@code GeneratedMigrationChain}), found
     * with {@link java.util.ServiceLoader} on the thread's context class loader. This is the chain the runtime
     * runs when the configuration names none; the operator CLI uses it too.
     *
     * <pre>{@code
     * List<MigrationDefinition> steps = MigrationChain.generated().steps();
     * String latest = steps.get(steps.size() - 1).to();
     * }</pre>
     *
     * @return the generated chain
     * @throws SmartMigrationException {@link ErrorCode#CHAIN_NOT_FOUND} when none, or more than one, is on the
     *         classpath (two modules that each compiled @Migration classes), naming each and where it is
     */
    static MigrationChain generated() {
        return GeneratedChains.find();
    }

    /**
     * Starts a chain assembled in code.
     *
     * @return a new, empty builder
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Collects steps in any order; {@link #build()} orders them by version and checks the chain rules.
     */
    final class Builder {
        private final List<MigrationDefinition> steps = new ArrayList<>();

        private Builder() {
        }

        /**
         * Begins a step; finish it with {@link StepBuilder#up} or {@link StepBuilder#factory}.
         *
         * @param id the step's stable unique id ({@code [A-Za-z0-9._-]})
         * @return the step's builder
         */
        public StepBuilder step(String id) {
            return new StepBuilder(this, id);
        }

        /**
         * Adds a ready definition, for example one taken from another chain.
         *
         * @param definition the step
         * @return this builder
         */
        public Builder add(MigrationDefinition definition) {
            steps.add(Objects.requireNonNull(definition, "definition"));
            return this;
        }

        /**
         * Orders the steps by version and checks every chain rule.
         *
         * @return an immutable chain
         * @throws SmartMigrationException with the code of the first broken rule ({@code CHAIN_GAP},
         *         {@code DUPLICATE_STEP_ID}, {@code INVALID_VERSION}...); the message lists every problem
         */
        public MigrationChain build() {
            List<MigrationDefinition> ordered = ChainChecks.ordered(steps);
            return () -> ordered;
        }
    }

    /** One step being described; {@link #up} or {@link #factory} adds it to the chain. */
    final class StepBuilder {
        private final Builder chain;
        private final String id;
        private String from;
        private String to;
        private String description = "";
        private boolean resumable;

        private StepBuilder(Builder chain, String id) {
            this.chain = chain;
            this.id = Objects.requireNonNull(id, "id");
        }

        /**
         * Sets the data version the step starts from.
         *
         * @param version the data version the step starts from, e.g. {@code "1.0.0"}
         * @return this step builder
         */
        public StepBuilder from(String version) {
            this.from = Objects.requireNonNull(version, "from");
            return this;
        }

        /**
         * Sets the data version the step produces.
         *
         * @param version the data version the step produces, e.g. {@code "1.1.0"}
         * @return this step builder
         */
        public StepBuilder to(String version) {
            this.to = Objects.requireNonNull(version, "to");
            return this;
        }

        /**
         * Sets the step's description.
         *
         * @param text a human-readable summary
         * @return this step builder
         */
        public StepBuilder description(String text) {
            this.description = Objects.requireNonNull(text, "description");
            return this;
        }

        /**
         * Marks the step as resumable: it may keep checkpoints ({@link MigrationContext#checkpoint()}) and
         * resume from them after a failure or crash. A step that is not resumable gets
         * {@link ErrorCode#STEP_NOT_RESUMABLE} when it uses checkpoints.
         *
         * @return this step builder
         */
        public StepBuilder resumable() {
            this.resumable = true;
            return this;
        }

        /**
         * Finishes the step with its code.
         *
         * @param step the code to run; the same instance is used on every run
         * @return the chain builder, to add the next step or build
         */
        public Builder up(MigrationStep step) {
            Objects.requireNonNull(step, "step");
            return factory(() -> step);
        }

        /**
         * Finishes the step with a factory that creates its code for each run, e.g. a constructor reference.
         *
         * @param factory creates the step
         * @return the chain builder, to add the next step or build
         */
        public Builder factory(Supplier<? extends MigrationStep> factory) {
            Objects.requireNonNull(factory, "factory");
            if (from == null || to == null) {
                throw new SmartMigrationException(ErrorCode.INVALID_VERSION,
                        "step \"" + id + "\" needs both from(...) and to(...) before up(...) or factory(...).");
            }
            return chain.add(new MigrationDefinition(id, from, to, description, resumable, factory));
        }
    }
}
