package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.testing.MongoTestServer;
import dev.smartmigration.runtime.testing.OneStoreApp;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The MongoDB driver and the AWS SDK are optional: an application that has only one of them must work. Each
 * case starts {@link OneStoreApp} in a JVM whose class path lacks the other library.
 */
class OptionalDependencyTest {

    private static List<String> runWithout(String excludedPathPart, String... args)
            throws IOException, InterruptedException {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.replace('\\', '/').contains(excludedPathPart))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", OneStoreApp.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, process.exitValue(), output);
        return output.lines().toList();
    }

    @Test
    void mongoOnlyApplication_withoutAwsSdk_migrates() throws Exception {
        try (MongoTestServer server = MongoTestServer.start()) {
            List<String> out = runWithout("/software/amazon/", "mongo", server.uri(), server.newDatabaseName());
            assertTrue(out.contains("s3-present=false"), String.join("\n", out));
            assertTrue(out.contains("planned=1"), String.join("\n", out));
            assertTrue(out.contains("applied=1"), String.join("\n", out));
            assertTrue(out.contains("version=1.1.0"), String.join("\n", out));
        }
    }

    @Test
    void s3OnlyApplication_withoutMongoDriver_loadsAndReachesTheLedgerFactory() throws Exception {
        List<String> out = runWithout("/org/mongodb/", "s3");
        assertTrue(out.contains("mongo-present=false"), String.join("\n", out));
        // Nothing listens on the app's endpoint: the S3 ledger reports it instead of a NoClassDefFoundError.
        // (S3OnlyClasspathTest runs a whole S3-only migration against a real server.)
        assertTrue(out.contains("code=LEDGER_UNAVAILABLE"), String.join("\n", out));
    }
}
