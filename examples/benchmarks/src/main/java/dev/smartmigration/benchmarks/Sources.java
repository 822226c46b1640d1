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
