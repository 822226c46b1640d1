package dev.smartmigration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import dev.smartmigration.testing.MongoTestServer;
import dev.smartmigration.testing.MongoTestServerExtension;
import dev.smartmigration.testing.S3TestServer;
import dev.smartmigration.testing.S3TestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published jar as an operator runs it: {@code java -jar smartmigration-cli-<version>.jar} in a child process,
 * with nothing on its class path but itself, against an application packed into jars the way builds pack them (a
 * jar, its libraries in {@code lib/}, an executable Spring Boot jar), and the test servers on loopback (or the real
 * ones the environment names). The application is this module's test app: its chain, which the processor generated,
 * and {@code LabelThings}, which needs a library class kept in a jar of its own.
 */
@ExtendWith({MongoTestServerExtension.class, S3TestServerExtension.class})
class ExecutableJarIT {

    private static final Path CLI_JAR = Path.of(System.getProperty("smartmigration.cli.jar"));
    private static final Path TEST_CLASSES = Path.of(System.getProperty("smartmigration.test.classes"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path apps;

    @TestResource private MongoTestServer mongo;
    @TestResource private MongoDatabase db;

    /** The application's own jar: its migrations and generated chain, without its library. */
    private static Path appJar;
    /** The application's library jar, alone in {@code lib/}. */
    private static Path libDir;

    record Run(int exitCode, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    @BeforeAll
    static void packTheApplication() throws IOException {
        appJar = jar(apps.resolve("app.jar"), "", name -> name.startsWith("dev/smartmigration/cli/app/")
                || name.equals(AppClassPath.CHAIN_SERVICE) || name.startsWith("META-INF/smartmigration/"));
        libDir = Files.createDirectories(apps.resolve("lib"));
        jar(libDir.resolve("app-lib.jar"), "", name -> name.startsWith("dev/smartmigration/cli/applib/"));
    }

    private Run cli(String... args) throws IOException, InterruptedException {
        return cliWithEnvironment(Map.of(), args);
    }

    /** {@code java -jar} the CLI, in {@link #apps}, adding the test database unless the arguments name a store. */
    private Run cliWithEnvironment(Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", CLI_JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        List<String> given = List.of(args);
        if (!given.contains("--mongo-uri") && !given.contains("--bucket") && !given.contains("--version")
                && !given.contains("generate-completion")) {
            command.addAll(List.of("--mongo-uri", mongo.uri(), "--database", db.getName()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(apps.toFile());
        builder.environment().remove("SMARTMIGRATION_APP");
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(apps, "out", ".txt");
        Path err = Files.createTempFile(apps, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the CLI did not finish within 2 minutes: " + command);
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void migrateWithTheAppJarAndItsLibraries_runsEveryStep_quietly_andStatusAsJsonShowsThem() throws Exception {
        Run migrate = cli("migrate", "--app", "app.jar" + File.pathSeparator + "lib/*");

        assertEquals(0, migrate.exitCode(), migrate.err());
        assertTrue(migrate.out().contains("smartmigration: fresh -> 1.3.0 (3 steps in "), migrate.out());
        assertEquals("", migrate.err(), "a run that succeeds prints nothing on stderr (no logging set-up noise)");
        assertEquals("x", db.getCollection("things").find().first().getString("label"));

        Run status = cli("status", "--app", "app.jar" + File.pathSeparator + "lib/*", "--output", "json");
        assertEquals(0, status.exitCode(), status.err());
        JsonNode report = status.json();
        assertEquals("status", report.get("command").asText());
        assertEquals("1.3.0", report.get("dataVersion").asText());
        assertEquals("AT_TARGET", report.get("targetStatus").asText());
        assertEquals(List.of("APPLIED", "APPLIED", "APPLIED"), report.get("steps").findValuesAsText("state"));
        assertEquals("MONGO", report.get("ledger").get("backend").asText());
        assertTrue(report.get("lock").isNull(), status.out());
    }

    /** The fingerprints come from the app jar's generated chain; a fleet runs through the jar's own classes. */
    @Test
    void validateAndAFleet_workFromTheJar() throws Exception {
        String app = "app.jar" + File.pathSeparator + "lib/*";
        assertEquals(0, cli("migrate", "--app", app).exitCode());

        Run validate = cli("validate", "--app", app);
        String tenants = db.getName() + "_{tenant}";
        Run fleet = cli("migrate", "--fleet", "--tenants", "acme,globex", "--app", app, "--mongo-uri", mongo.uri(),
                "--database", tenants, "-o", "json");
        Run fleetStatus = cli("status", "--fleet", "--tenants", "acme,globex", "--app", app, "--mongo-uri",
                mongo.uri(), "--database", tenants);

        assertEquals(0, validate.exitCode(), validate.err());
        assertTrue(validate.out().startsWith("Valid: the 3 applied step(s) match the code; data version 1.3.0"),
                validate.out());
        assertEquals(0, fleet.exitCode(), fleet.err());
        assertEquals(2, fleet.json().get("fleet").get("countsByOutcome").get("MIGRATED").asInt(), fleet.out());
        assertEquals(0, fleetStatus.exitCode(), fleetStatus.err());
        assertTrue(fleetStatus.out().contains("At the target: 2   Pending: 0"), fleetStatus.out());
    }

    @Test
    void migrateWithTheAppJarAlone_failsAtTheStepThatNeedsTheLibrary_namingTheClassAndTheFix() throws Exception {
        Run r = cli("migrate", "--app", "app.jar");

        assertEquals(4, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("[smartmigration:STEP_FAILED] step \"label-things\""), r.err());
        assertTrue(r.err().contains("The step needs dev.smartmigration.cli.applib.Labels, which the class path given "
                + "with --app does not have: give the application's whole class path, e.g. --app 'app.jar:lib/*'."),
                r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());

        Run resumed = cli("migrate", "--app", "app.jar" + File.pathSeparator + "lib/*");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("smartmigration: 1.2.0 -> 1.3.0 (1 step in "), resumed.out());
    }

    @Test
    void executableSpringBootJar_isReadAsItIs() throws Exception {
        bootJar(apps.resolve("boot-app.jar"));

        Run r = cli("migrate", "--app", "boot-app.jar");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("smartmigration: fresh -> 1.3.0 (3 steps in "), r.out());
        assertEquals("x", db.getCollection("things").find().first().getString("label"));
    }

    @Test
    void appJarThatDoesNotExist_isReportedInCliTerms() throws Exception {
        Run r = cli("status", "--app", "target/no-such-app.jar");

        assertEquals(1, r.exitCode(), r.out());
        assertTrue(r.err().startsWith("[smartmigration:INVALID_OPTIONS] --app: target/no-such-app.jar does not "
                + "exist (looked for "), r.err());
        assertTrue(r.err().contains("Give the application's jar (e.g. --app target/app.jar), or its class path "
                + "(e.g. --app 'app.jar:lib/*')."), r.err());
        assertEquals(0, db.listCollectionNames().into(new ArrayList<>()).size(), "nothing was touched");
    }

    @Test
    void noApp_saysToGiveIt_ratherThanToSetUpTheProcessor() throws Exception {
        Run r = cli("status");

        assertEquals(1, r.exitCode(), r.out());
        assertTrue(r.err().startsWith("[smartmigration:CHAIN_NOT_FOUND] no --app was given and the CLI's own class "
                + "path holds no generated migration chain. Point the CLI at the application: --app "
                + "target/app.jar"), r.err());
    }

    @Test
    void aJarWithoutAChain_saysWhatWasSearched_andADirectoryOfJars_isPointedAtItsWildcard() throws Exception {
        Run library = cli("status", "--app", "lib/app-lib.jar");
        Run directory = cli("status", "--app", "lib");

        assertEquals(1, library.exitCode(), library.out());
        assertTrue(library.err().startsWith("[smartmigration:CHAIN_NOT_FOUND] no generated migration chain in --app "
                + "lib/app-lib.jar (searched 1 jar). The chain is in the jar of the module that compiled the "
                + "@Migration classes"), library.err());
        assertTrue(library.err().contains("give that jar, or the application's whole class path, e.g. --app "
                + "'app.jar:lib/*'."), library.err());
        assertEquals(1, directory.exitCode(), directory.out());
        assertTrue(directory.err().contains("lib is a directory of jars: write 'lib" + File.separator + "*' to put "
                + "its jars on the class path."), directory.err());
    }

    @Test
    void anAppWithAnotherRuntimeVersion_isWarnedAbout() throws Exception {
        Path old = Files.createDirectories(apps.resolve("old-runtime"));
        Path pom = Files.createDirectories(old.resolve("META-INF/maven/dev.smartmigration/smartmigration-runtime"))
                .resolve("pom.properties");
        Files.writeString(pom, "groupId=dev.smartmigration\nartifactId=smartmigration-runtime\nversion=0.0.1\n");

        Run r = cli("plan", "--app", "app.jar" + File.pathSeparator + "lib/*" + File.pathSeparator + "old-runtime");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("smartmigration: warning: --app brings smartmigration-runtime 0.0.1 but this "
                + "CLI runs "), r.err());
    }

    @Test
    @Tag("s3")
    void s3Ledger_throughTheBundledAwsSdk(S3TestServer s3) throws Exception {
        String ledger = S3TestServer.uniqueName("cli-jar");
        Map<String, String> aws = new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", s3.credentials().accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", s3.credentials().secretAccessKey(), "AWS_REGION", s3.region().id()));
        String[] stores = {"--mongo-uri", mongo.uri(), "--database", db.getName(), "--bucket", s3.bucket(),
            "--s3-endpoint", s3.endpoint().toString(), "--path-style", "--backend", "s3", "--ledger", ledger};

        Run migrate = cliWithEnvironment(aws, concat(new String[] {"migrate", "--app", "app.jar"
                + File.pathSeparator + "lib/*"}, stores));
        Run status = cliWithEnvironment(aws, concat(new String[] {"status", "--app", "app.jar"
                + File.pathSeparator + "lib/*", "-o", "json"}, stores));

        assertEquals(0, migrate.exitCode(), migrate.err());
        assertEquals(0, status.exitCode(), status.err());
        assertEquals("S3", status.json().get("ledger").get("backend").asText());
        assertEquals(s3.bucket(), status.json().get("ledger").get("bucket").asText());
        assertEquals("1.3.0", status.json().get("dataVersion").asText());
    }

    @Test
    void versionAndCompletion_workFromTheJar() throws Exception {
        Run version = cli("--version");
        Run completion = cli("generate-completion");

        assertEquals(0, version.exitCode(), version.err());
        assertTrue(version.out().matches("smartmigration \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), version.out());
        assertEquals(0, completion.exitCode(), completion.err());
        Path script = Files.writeString(apps.resolve("smartmigration-completion.bash"), completion.out());
        Process bash = new ProcessBuilder("bash", "-c", "source '" + script + "'; COMP_WORDS=(smartmigration st); "
                + "COMP_CWORD=1; _complete_smartmigration; echo \"${COMPREPLY[*]}\"; COMP_WORDS=(smartmigration status "
                + "--out); COMP_CWORD=2; _complete_smartmigration; echo \"${COMPREPLY[*]}\"").start();
        assertTrue(bash.waitFor(1, TimeUnit.MINUTES));
        List<String> completed = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .toList();
        assertEquals(List.of("status", "--output"), completed,
                new String(bash.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** An executable Spring Boot jar's layout: the classes under BOOT-INF/classes, the libraries in BOOT-INF/lib. */
    private static Path bootJar(Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            copyTree(out, "BOOT-INF/classes/", name -> name.startsWith("dev/smartmigration/cli/app/")
                    || name.equals(AppClassPath.CHAIN_SERVICE));
            out.putNextEntry(new JarEntry("BOOT-INF/lib/app-lib.jar"));
            out.write(Files.readAllBytes(libDir.resolve("app-lib.jar")));
            out.closeEntry();
        }
        return jar;
    }

    /** Packs the test classes (and resources) that {@code include} accepts into a jar, under {@code prefix}. */
    private static Path jar(Path jar, String prefix, Predicate<String> include) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            copyTree(out, prefix, include);
        }
        return jar;
    }

    private static void copyTree(JarOutputStream out, String prefix, Predicate<String> include) throws IOException {
        try (Stream<Path> files = Files.walk(TEST_CLASSES)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = TEST_CLASSES.relativize(file).toString().replace(File.separatorChar, '/');
                if (include.test(name)) {
                    out.putNextEntry(new JarEntry(prefix + name));
                    Files.copy(file, (OutputStream) out);
                    out.closeEntry();
                }
            }
        }
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
