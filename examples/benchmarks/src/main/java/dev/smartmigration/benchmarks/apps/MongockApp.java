package dev.smartmigration.benchmarks.apps;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.mongock.driver.mongodb.sync.v4.driver.MongoSync4Driver;
import io.mongock.runner.standalone.MongockStandalone;

/**
 * The same application with Mongock instead: connects, runs Mongock's standalone runner once over the change
 * units of a package and prints {@code DONE}. Arguments: {@code <mongodb-uri> <database> <package> [calls=N]};
 * with {@code calls=N}, after the first run it times N no-op runs (after N untimed ones) and prints their median.
 *
 * <p>Non-transactional on purpose: mongo-java-server has no sessions, and in its default transactional mode
 * Mongock 5.5.1 with driver 5.x runs every change there but silently fails to record them (the next run
 * re-executes them and fails on duplicate keys). Without transactions it records each change and a re-run is a
 * no-op, which is the behaviour being compared.
 */
public final class MongockApp {

    private MongockApp() {
    }

    /** @param args {@code <mongodb-uri> <database> <package> [calls=N]} */
    public static void main(String[] args) throws Exception {
        try (MongoClient client = MongoClients.create(args[0])) {
            int calls = SmartMigrationApp.calls(args, 3);
            long start = System.nanoTime();
            execute(client, args[1], args[2]);
            long elapsed = System.nanoTime() - start;
            if (calls > 0) {
                elapsed = SmartMigrationApp.medianNanos(calls, () -> execute(client, args[1], args[2]));
            }
            System.out.println("DONE runNanos=" + elapsed);
            System.out.flush();
        }
    }

    /** What an application calls at boot: build the runner over the package's change units and execute it. */
    private static void execute(MongoClient client, String database, String changeUnits) {
        MongockStandalone.builder()
                .setDriver(MongoSync4Driver.withDefaultLock(client, database))
                .addMigrationScanPackage(changeUnits)
                .setTransactional(false)
                .buildRunner()
                .execute();
    }
}
