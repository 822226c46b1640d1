package dev.smartmigration.examples.quickstart;

import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationDefinition;
import java.util.ServiceLoader;

/**
 * Prints the migration chain the annotation processor generated for this package, as the runtime finds it.
 *
 * <pre>{@code
 * ./mvnw -B -pl examples -am compile
 * java -cp examples/target/classes:smartmigration-runtime/target/classes \
 *     dev.smartmigration.examples.quickstart.QuickstartApp
 * }</pre>
 *
 * <p>Listing the chain creates no step, so the MongoDB driver is not needed for this.
 */
public final class QuickstartApp {

    private QuickstartApp() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        for (MigrationChain chain : ServiceLoader.load(MigrationChain.class)) {
            System.out.println(chain.getClass().getName() + ":");
            for (MigrationDefinition step : chain.steps()) {
                System.out.printf("  %-26s %s -> %s%s  %s%n", step.id(), step.fromVersion(), step.toVersion(),
                        step.resumable() ? " (resumable)" : "", step.description());
            }
        }
    }
}
