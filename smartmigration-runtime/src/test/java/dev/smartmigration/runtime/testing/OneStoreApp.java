package dev.smartmigration.runtime.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.SmartMigrationException;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An application with only one store's client library on its class path, started in its own JVM by
 * {@code OptionalDependencyTest}. Prints {@code key=value} lines for the test to check.
 */
public final class OneStoreApp {

    private OneStoreApp() {
    }

    /**
     * @param args {@code mongo <uri> <database>} or {@code s3}
     */
    public static void main(String[] args) {
        System.out.println("mongo-present=" + present("com.mongodb.client.MongoClient"));
        System.out.println("s3-present=" + present("software.amazon.awssdk.services.s3.S3Client"));
        MigrationChain chain = MigrationChain.builder()
                .step("a").from("1.0.0").to("1.1.0").up(ctx -> ctx.mongo().getCollection("x").countDocuments())
                .build();
        if (args[0].equals("mongo")) {
            MongoOnly.run(args, chain);
        } else {
            S3Only.run(chain);
        }
    }

    private static final class MongoOnly {
        static void run(String[] args, MigrationChain chain) {
            try (MongoClient client = MongoClients.create(args[1])) {
                MigrationConfig config = MigrationConfig.builder().targetVersion("1.1.0").mongo(client, args[2])
                        .chain(chain).build();
                System.out.println("planned=" + MigrationRuntime.plan(config).stepsSkipped().size());
                System.out.println("applied=" + MigrationRuntime.run(config).stepsApplied().size());
                System.out.println("version=" + MigrationRuntime.currentVersion(config).orElse("none"));
            }
        }
    }

    private static final class S3Only {
        static void run(MigrationChain chain) {
            try (S3Client s3 = S3Client.builder().region(Region.US_EAST_1)
                    .endpointOverride(URI.create("http://127.0.0.1:1"))
                    .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
                MigrationConfig config = MigrationConfig.builder().targetVersion("1.1.0").s3(s3, "bucket")
                        .chain(chain).build();
                MigrationRuntime.run(config);
            } catch (SmartMigrationException e) {
                System.out.println("code=" + e.code());
            }
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, OneStoreApp.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
