package dev.smartmigration.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a class as one step of the application's data migration chain.
 *
 * <p>A step moves the data from version {@link #from()} to version {@link #to()}. At compile time the
 * smartmigration annotation processor collects every {@code @Migration} class, checks that together they
 * form one contiguous chain, and generates {@code GeneratedMigrationChain}, which the runtime loads with
 * no reflection and no classpath scanning.
 *
 * <pre>{@code
 * @Migration(id = "add-email-index", from = "1.0.0", to = "1.1.0",
 *            description = "Unique index on users.email")
 * public final class AddEmailIndex implements MigrationStep {
 *     @Override
 *     public void up(MigrationContext ctx) {
 *         ctx.mongo().getCollection("users")
 *            .createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
 *     }
 * }
 * }</pre>
 *
 * <h2>Rules the processor enforces</h2>
 * Each broken rule is a compiler error tagged {@code [smartmigration:CODE]} and placed on the offending
 * annotation value. Every problem in a compilation is reported, not just the first.
 * <ul>
 *   <li>{@code INVALID_STEP_ID}: {@link #id()} is blank or has characters outside {@code [A-Za-z0-9._-]}.
 *   <li>{@code DUPLICATE_STEP_ID}: two classes declare the same id; reported on both.
 *   <li>{@code INVALID_VERSION}: {@link #from()} or {@link #to()} is not a strict semantic version such as
 *       {@code 1.2.0} or {@code 1.2.0-rc.1} (no {@code v} prefix, no leading zeros, no build metadata); the
 *       message names every problem and suggests a fixed value.
 *   <li>{@code INVALID_STEP_RANGE}: {@link #to()} is not greater than {@link #from()}.
 *   <li>{@code CHAIN_OVERLAP}: two steps start at the same version, or one step's range overlaps another's.
 *   <li>{@code CHAIN_GAP}: ordered by {@code from}, a step does not start where the previous one ends.
 *   <li>{@code INVALID_MIGRATION_CLASS}: the class is not a concrete, non-generic top-level or static nested
 *       class (a record with a no-arg constructor also works), does not implement
 *       {@code dev.smartmigration.runtime.MigrationStep}, has no no-arg constructor (without checked exceptions)
 *       accessible from the generated chain, or {@code MigrationStep} is missing from the compile classpath.
 *       Migrations in another package than the generated chain must be {@code public}, with a public no-arg
 *       constructor.
 *   <li>{@code STALE_BUILD_OUTPUT}: a build that compiles only some sources finds output of an earlier build it
 *       cannot trust (a migration's class file without its source, a stale generated chain among the sources),
 *       so it cannot know the whole chain. Rebuild the module from clean.
 * </ul>
 *
 * <p>The chain always holds every migration of the module: a build that compiles only some sources takes the
 * migrations compiled earlier from their class files ({@code @Migration} has CLASS retention for this).
 *
 * <p>The generated {@code GeneratedMigrationChain} goes into the longest common package of the migration
 * classes, or into the package named by the processor option {@code -Asmartmigration.package=com.acme.db}.
 * See {@code docs/processor.md} for the set-up with Maven and Gradle.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Migration {

    /**
     * {@return a stable, unique identifier recorded in the ledger's history, such as {@code "add-email-index"}}
     * Only {@code A-Z a-z 0-9 . _ -}; never change it once the step has run anywhere.
     */
    String id();

    /** {@return the data version this step starts from, a strict semantic version such as {@code "1.0.0"}} */
    String from();

    /** {@return the data version this step produces; it must be greater than {@link #from()}} */
    String to();

    /** {@return a human-readable summary shown by {@code plan()} and the operator CLI} */
    String description() default "";

    /**
     * {@return whether the step is resumable}
     * A resumable step saves checkpoints ({@code ctx.checkpoint()}) and can restart where it stopped after a
     * crash or failure. Only a resumable step may use checkpoints: any other step that calls
     * {@code ctx.checkpoint()} fails with {@code STEP_NOT_RESUMABLE}. A resumable step must be idempotent per item:
     * the batch in flight at a crash may run again.
     */
    boolean resumable() default false;
}
