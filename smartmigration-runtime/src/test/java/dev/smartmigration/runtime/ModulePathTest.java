package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import dev.smartmigration.testing.MongoTestServer;
import dev.smartmigration.testing.MongoTestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime as a named module: an application module that requires it and the MongoDB driver only (no AWS SDK
 * anywhere on its module path) and provides its chain, compiled and run in a separate JVM on the module path, migrates
 * and reads {@code info()}. This is what {@code requires static}, {@code exports} and {@code uses} in the runtime's
 * module-info must allow; the other tests run on the class path.
 */
@ExtendWith(MongoTestServerExtension.class)
class ModulePathTest {

    /** What the runtime needs at run time with the MongoDB driver, by the class path entry's name. */
    private static final List<String> MODULES = List.of("jackson-databind-", "jackson-core-", "jackson-annotations-",
            "smartmigration-chain-rules", "slf4j-api-", "mongodb-driver-sync-", "mongodb-driver-core-", "bson-");

    @TestResource private MongoTestServer server;
    @TestResource private MongoDatabase db;

    @Test
    void applicationModule_withTheDriverButNoAwsSdk_migratesAndReadsInfo(@TempDir Path dir) throws Exception {
        String modulePath = modulePath();
        Path src = dir.resolve("src/app");
        write(src.resolve("module-info.java"), """
                module app {
                    requires dev.smartmigration.runtime;
                    requires org.mongodb.driver.sync.client;
                    provides dev.smartmigration.runtime.MigrationChain with app.Chain;
                }
                """);
        write(src.resolve("app/Chain.java"), """
                package app;

                import dev.smartmigration.runtime.MigrationChain;
                import dev.smartmigration.runtime.MigrationDefinition;
                import java.util.List;

                public final class Chain implements MigrationChain {
                    @Override
                    public List<MigrationDefinition> steps() {
                        return MigrationChain.builder().step("create").from("1.0.0").to("1.1.0")
                                .up(ctx -> ctx.mongo().getCollection("things").insertOne(new org.bson.Document()))
                                .build().steps();
                    }
                }
                """);
        write(src.resolve("app/Main.java"), """
                package app;

                import com.mongodb.client.MongoClient;
                import com.mongodb.client.MongoClients;
                import dev.smartmigration.runtime.MigrationConfig;
                import dev.smartmigration.runtime.MigrationRuntime;

                public final class Main {
                    public static void main(String[] args) {
                        try (MongoClient client = MongoClients.create(args[0])) {
                            MigrationConfig.Builder config = MigrationConfig.builder().mongo(client, args[1]);
                            System.out.println(MigrationRuntime.run(config.targetVersion("1.1.0").build())
                                    .currentVersionAfter());
                            System.out.println(MigrationRuntime.info(MigrationConfig.builder().mongo(client, args[1])
                                    .build()).targetStatus());
                            System.out.println(MigrationRuntime.class.getModule().getName());
                        }
                    }
                }
                """);
        Path out = dir.resolve("out");
        String compiled = run(tool("javac"), "-d", out.toString(), "--module-path", modulePath,
                "--module-source-path", dir.resolve("src").toString(), "-m", "app");
        assertEquals("", compiled);

        String output = run(tool("java"), "--module-path", modulePath + File.pathSeparator + out, "-m",
                "app/app.Main", server.uri(), db.getName());

        assertTrue(output.endsWith("1.1.0\nAT_TARGET\ndev.smartmigration.runtime\n"), output);
        assertEquals(1, db.getCollection("things").countDocuments());
    }

    /** The runtime's own classes (an exploded module) and the jars it needs, from this test's class path. */
    private static String modulePath() {
        List<String> path = new ArrayList<>(List.of(Path.of("target/classes").toAbsolutePath().toString()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path file = Path.of(entry);
            String name = file.getFileName().toString().equals("classes")
                    ? file.getParent().getParent().getFileName().toString() : file.getFileName().toString();
            if (MODULES.stream().anyMatch(name::startsWith)) {
                path.add(entry);
            }
        }
        assertTrue(path.stream().anyMatch(p -> p.contains("mongodb-driver-sync-")), String.join("\n", path));
        assertTrue(path.stream().noneMatch(p -> p.contains("awssdk")), String.join("\n", path));
        return path.stream().collect(Collectors.joining(File.pathSeparator));
    }

    private static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /** @return what the command printed; fails the test unless it exits with 0 within a minute */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
        return output;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
