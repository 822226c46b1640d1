package dev.smartmigration.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the generated migrations the benchmarks compile: {@code n} smartmigration steps, or the same {@code n}
 * migrations as Mongock change units. Step {@code i} (from 1) moves the data from {@code 1.(i-1).0} to
 * {@code 1.i.0} and inserts the document {@code {_id: i}} into {@code bench_items}.
 */
final class Sources {

    static final String ITEMS = "bench_items";

    /** The simple name of {@link #constructorReferenceChain}'s class. */
    static final String REFERENCE_CHAIN = "ConstructorReferenceChain";

    private Sources() {
    }

    /** @return the version the chain of {@code steps} steps ends at */
    static String target(int steps) {
        return "1." + steps + ".0";
    }

    /**
     * @param root    the source root to write into
     * @param pkg     the package of the classes
     * @param steps   how many {@code @Migration} classes
     */
    static void smartmigrationSteps(Path root, String pkg, int steps) {
        for (int i = 1; i <= steps; i++) {
            String name = className(i);
            write(root, pkg, name, """
                    package %1$s;

                    import dev.smartmigration.annotations.Migration;
                    import dev.smartmigration.runtime.MigrationContext;
                    import dev.smartmigration.runtime.MigrationStep;
                    import org.bson.Document;

                    @Migration(id = "%2$s", from = "1.%3$d.0", to = "1.%4$d.0", description = "Inserts item %4$d")
                    public final class %2$s implements MigrationStep {
                        @Override
                        public void up(MigrationContext ctx) {
                            ctx.mongo().getCollection("%5$s").insertOne(new Document("_id", %4$d));
                        }
                    }
                    """.formatted(pkg, name, i - 1, i, ITEMS));
        }
    }

    /**
     * @param root  the source root to write into
     * @param pkg   the package of the classes
     * @param units how many change units
     */
    static void mongockChangeUnits(Path root, String pkg, int units) {
        for (int i = 1; i <= units; i++) {
            String name = className(i);
            write(root, pkg, name, """
                    package %1$s;

                    import com.mongodb.client.MongoDatabase;
                    import io.mongock.api.annotations.ChangeUnit;
                    import io.mongock.api.annotations.Execution;
                    import io.mongock.api.annotations.RollbackExecution;
                    import org.bson.Document;

                    @ChangeUnit(id = "%2$s", order = "%2$s", author = "bench")
                    public class %2$s {
                        @Execution
                        public void execute(MongoDatabase db) {
                            db.getCollection("%4$s").insertOne(new Document("_id", %3$d));
                        }

                        @RollbackExecution
                        public void rollback(MongoDatabase db) {
                            db.getCollection("%4$s").deleteOne(new Document("_id", %3$d));
                        }
                    }
                    """.formatted(pkg, name, i, ITEMS));
        }
    }

    /**
     * The chain as the processor generated it before it used a {@code switch}: one constructor reference per step,
     * the baseline of the chain-initialisation benchmark.
     *
     * @param root     the source root to write into
     * @param pkg      the package of the class {@value #REFERENCE_CHAIN}
     * @param stepsPkg the package of the steps ({@link #smartmigrationSteps})
     * @param steps    how many steps
     */
    static void constructorReferenceChain(Path root, String pkg, String stepsPkg, int steps) {
        StringBuilder adds = new StringBuilder();
        for (int i = 1; i <= steps; i++) {
            if ((i - 1) % 200 == 0) {
                adds.append(i == 1 ? "" : "    }\n\n").append("    private static void addSteps").append((i - 1) / 200)
                        .append("(ArrayList<MigrationDefinition> steps) {\n");
            }
            adds.append("        steps.add(new MigrationDefinition(\"").append(className(i)).append("\", \"1.")
                    .append(i - 1).append(".0\", \"1.").append(i).append(".0\", \"Inserts item ").append(i)
                    .append("\", false, ").append(stepsPkg).append('.').append(className(i)).append("::new));\n");
        }
        StringBuilder calls = new StringBuilder();
        for (int part = 0; part <= (steps - 1) / 200; part++) {
            calls.append("        addSteps").append(part).append("(steps);\n");
        }
        write(root, pkg, REFERENCE_CHAIN, """
                package %1$s;

                import dev.smartmigration.runtime.MigrationChain;
                import dev.smartmigration.runtime.MigrationDefinition;
                import java.util.ArrayList;
                import java.util.List;

                public final class %2$s implements MigrationChain {
                    private static final List<MigrationDefinition> STEPS = createSteps();

                    @Override
                    public List<MigrationDefinition> steps() {
                        return STEPS;
                    }

                %3$s    }

                    private static List<MigrationDefinition> createSteps() {
                        ArrayList<MigrationDefinition> steps = new ArrayList<MigrationDefinition>(%4$d);
                %5$s        return List.copyOf(steps);
                    }
                }
                """.formatted(pkg, REFERENCE_CHAIN, adds, steps, calls));
    }

    private static String className(int i) {
        return String.format(Locale.ROOT, "Step%05d", i);
    }

    private static void write(Path root, String pkg, String name, String source) {
        Path file = root.resolve(pkg.replace('.', '/')).resolve(name + ".java");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
