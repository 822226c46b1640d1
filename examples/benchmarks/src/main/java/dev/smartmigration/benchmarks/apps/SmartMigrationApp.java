package dev.smartmigration.benchmarks.apps;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.smartmigration.annotations.Migration;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.MigrationStep;
import io.github.classgraph.AnnotationInfo;
import io.github.classgraph.AnnotationParameterValueList;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.bson.Document;

/**
 * An application booting in its own JVM, as the benchmarks start it: connects, calls
 * {@link MigrationRuntime#run} once and prints {@code DONE} with what happened.
 *
 * <p>Arguments: {@code <mongodb-uri> <database> <target-version> <chain> [fresh] [wait]}, where
 * {@code <chain>} is (with {@code wait}, only {@code generated} or {@code find-only})
 * <ul>
 *   <li>{@code generated}: nothing configured; the runtime finds {@code GeneratedMigrationChain} through
 *       {@link ServiceLoader} if (and only if) it needs it;
 *   <li>{@code loaded}: the generated chain is loaded before {@code run} and passed in, so its cost is always paid;
 *   <li>{@code find-only}: no smartmigration at all: one {@code find({_id: "smartmigration"})} of the ledger
 *       document, the least any boot-time check can do;
 *   <li>{@code scan:<package>}: the baseline: the {@code @Migration} classes under the package are found by
 *       classpath scanning (ClassGraph), as scanning-based tools do on every boot, and passed in as a chain.
 * </ul>
 * {@code fresh} sets {@code freshInstallVersion} to the target; {@code calls=N} makes a first {@code run}, then
 * times N no-op calls after N untimed ones and prints their median (the in-process cost of a call); {@code wait} prints {@code READY} once connected
 * and calls {@code run} (or does the bare find) only when a line arrives on standard input (so that many instances
 * call it at once), then does the same again with warm code.
 */
public final class SmartMigrationApp {

    private static final int WARM_UP_RUNS = 200;

    private SmartMigrationApp() {
    }

    /** @param args see the class comment */
    public static void main(String[] args) throws Exception {
        String uri = args[0];
        String database = args[1];
        String target = args[2];
        String chainMode = args[3];
        boolean fresh = hasFlag(args, "fresh");
        boolean wait = hasFlag(args, "wait");
        try (MongoClient client = MongoClients.create(uri)) {
            MigrationConfig.Builder config = MigrationConfig.builder().targetVersion(target).mongo(client, database);
            if (fresh) {
                config.freshInstallVersion(target);
            }
            MigrationConfig once = config.build();
            if (wait) {
                waitForGo(client, database, chainMode.equals("find-only") ? () -> {
                    findLedger(client, database);
                    return true;
                } : () -> MigrationRuntime.run(once).wasUpToDate());
                return;
            }
            int calls = calls(args, 4);
            if (calls > 0) {
                MigrationRuntime.run(once);
                long median = medianNanos(calls, () -> {
                    if (!MigrationRuntime.run(once).wasUpToDate()) {
                        throw new IllegalStateException("not a no-op");
                    }
                });
                System.out.println("DONE runNanos=" + median + " upToDate=true");
                System.out.flush();
                return;
            }
            long start = System.nanoTime();
            if (chainMode.equals("find-only")) {
                Document ledger = findLedger(client, database);
                System.out.println("DONE runNanos=" + (System.nanoTime() - start) + " found=" + (ledger != null));
                return;
            }
            if (chainMode.equals("loaded")) {
                config.chain(ServiceLoader.load(MigrationChain.class).findFirst().orElseThrow());
            } else if (chainMode.startsWith("scan:")) {
                config.chain(scan(chainMode.substring("scan:".length())));
            } else if (!chainMode.equals("generated")) {
                throw new IllegalArgumentException("unknown chain mode " + chainMode);
            }
            MigrationResult result = MigrationRuntime.run(config.build());
            long elapsed = System.nanoTime() - start;
            System.out.println("DONE runNanos=" + elapsed + " upToDate=" + result.wasUpToDate() + " applied="
                    + result.stepsApplied().size() + " version=" + result.currentVersionAfter());
            System.out.flush();
        }
    }

    private static Document findLedger(MongoClient client, String database) {
        return client.getDatabase(database).getCollection(MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION)
                .find(eq("_id", MigrationConfig.DEFAULT_LEDGER_NAME)).first();
    }

    /** What a booting instance does when told to go; returns whether it was a no-op. */
    private interface Boot {
        boolean call() throws Exception;
    }

    /**
     * Two timed calls, each started by a line on standard input: the first call of this JVM (cold code), then,
     * after {@value #WARM_UP_RUNS} untimed calls, a warm one. Prints {@code READY} before and {@code DONE} after each.
     */
    private static void waitForGo(MongoClient client, String database, Boot boot) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        client.getDatabase(database).listCollectionNames().first();
        for (int phase = 0; phase < 2; phase++) {
            if (phase == 1) {
                for (int i = 0; i < WARM_UP_RUNS; i++) {
                    boot.call();
                }
            }
            System.out.println("READY");
            System.out.flush();
            in.readLine();
            long start = System.nanoTime();
            boolean upToDate = boot.call();
            long elapsed = System.nanoTime() - start;
            System.out.println("DONE runNanos=" + elapsed + " upToDate=" + upToDate);
            System.out.flush();
        }
    }

    /**
     * What a scanning-based tool does at start-up, as cheaply as it can be done: ClassGraph reads the class files
     * under the package without loading them, the annotation's values come from the bytecode, and each class is
     * loaded and instantiated only if its step runs.
     */
    private static MigrationChain scan(String packageName) {
        MigrationChain.Builder chain = MigrationChain.builder();
        try (ScanResult scan = new ClassGraph().enableAnnotationInfo().acceptPackages(packageName).scan()) {
            for (ClassInfo type : scan.getClassesWithAnnotation(Migration.class.getName())) {
                AnnotationInfo annotation = type.getAnnotationInfo(Migration.class.getName());
                AnnotationParameterValueList values = annotation.getParameterValues(true);
                String className = type.getName();
                MigrationChain.StepBuilder step = chain.step((String) values.getValue("id"))
                        .from((String) values.getValue("from")).to((String) values.getValue("to"))
                        .description((String) values.getValue("description"));
                if ((Boolean) values.getValue("resumable")) {
                    step.resumable();
                }
                step.factory(() -> instantiate(className));
            }
        }
        return chain.build();
    }

    private static MigrationStep instantiate(String className) {
        try {
            return (MigrationStep) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + className, e);
        }
    }

    /** @return N of a {@code calls=N} argument at or after {@code from}, or 0 */
    static int calls(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            if (args[i].startsWith("calls=")) {
                return Integer.parseInt(args[i].substring("calls=".length()));
            }
        }
        return 0;
    }

    /** A call to time. */
    interface Call {
        void call() throws Exception;
    }

    /** @return the median of {@code calls} timed calls, after as many untimed ones */
    static long medianNanos(int calls, Call call) throws Exception {
        for (int i = 0; i < calls; i++) {
            call.call();
        }
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            call.call();
            nanos[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(nanos);
        return nanos[calls / 2];
    }

    private static boolean hasFlag(String[] args, String flag) {
        for (int i = 4; i < args.length; i++) {
            if (args[i].equals(flag)) {
                return true;
            }
        }
        return false;
    }
}
