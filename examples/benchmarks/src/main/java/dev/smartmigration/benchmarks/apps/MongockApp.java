package dev.smartmigration.benchmarks.apps;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.mongock.driver.mongodb.sync.v4.driver.MongoSync4Driver;
import io.mongock.runner.standalone.MongockStandalone;

/**
 * The same application with Mongock instead: connects, runs Mongock's standalone runner once over the change
 * units of a package and prints {@code DONE}. Arguments: {@code <mongodb-uri> <database> <package>}.
 *
 * <p>Non-transactional on purpose: mongo-java-server has no sessions, and in its default transactional mode
 * Mongock 5.5.1 with driver 5.x runs every change there but silently fails to record them (the next run
 * re-executes them and fails on duplicate keys). Without transactions it records each change and a re-run is a
 * no-op, which is the behaviour being compared.
 */
public final class MongockApp {

    private MongockApp() {
    }

    /** @param args {@code <mongodb-uri> <database> <package>} */
    public static void main(String[] args) {
        try (MongoClient client = MongoClients.create(args[0])) {
            long start = System.nanoTime();
            MongockStandalone.builder()
                    .setDriver(MongoSync4Driver.withDefaultLock(client, args[1]))
                    .addMigrationScanPackage(args[2])
                    .setTransactional(false)
                    .buildRunner()
                    .execute();
            System.out.println("DONE runNanos=" + (System.nanoTime() - start));
            System.out.flush();
        }
    }
}
