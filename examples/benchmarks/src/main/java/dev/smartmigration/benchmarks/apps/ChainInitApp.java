package dev.smartmigration.benchmarks.apps;

import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationDefinition;
import java.util.List;

/**
 * Initialises one migration chain in a fresh JVM, as the runtime does when steps are pending: loads and
 * initialises the chain class and reads its steps (no step is created). Prints {@code DONE runNanos=... steps=...}.
 * Arguments: {@code <chain-class>}. The runtime's own classes are loaded first, untimed, as an application has them
 * loaded by the time it needs the chain.
 */
public final class ChainInitApp {

    private ChainInitApp() {
    }

    /** @param args {@code <chain-class>} */
    public static void main(String[] args) throws Exception {
        List<MigrationDefinition> warm = MigrationChain.builder()
                .step("warm").from("1.0.0").to("1.1.0").up(ctx -> { }).build().steps();
        long start = System.nanoTime();
        MigrationChain chain = (MigrationChain) Class.forName(args[0]).getConstructor().newInstance();
        int steps = chain.steps().size();
        long elapsed = System.nanoTime() - start;
        System.out.println("DONE runNanos=" + elapsed + " steps=" + steps + " warm=" + warm.size());
        System.out.flush();
    }
}
