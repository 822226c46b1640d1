package dev.smartmigration.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.SmartMigrationException;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library module with its own migrations and the application module with the rest: each compilation generates
 * the chain of its own module, and the runtime refuses to pick one of the two at start-up, naming both and where
 * they are, even when both chains have the same class name (which {@link java.util.ServiceLoader} would resolve by
 * the order of the class path).
 */
class MultiModuleTest {

    @ParameterizedTest
    @CsvSource({"com.acme.lib, com.acme.app", "com.acme, com.acme"})
    void migrationsInALibraryAndTheApplication_areRefusedAtStartUpNamingBothChains(String libPackage,
            String appPackage, @TempDir Path dir) throws Exception {
        Path lib = compileModule(dir.resolve("lib"), libPackage, "LibStep", "lib-step", "0.0.0", "1.0.0", List.of());
        Path app = compileModule(dir.resolve("app"), appPackage, "AppStep", "app-step", "1.0.0", "1.1.0",
                List.of(lib));

        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {app.toUri().toURL(), lib.toUri().toURL()},
                getClass().getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            SmartMigrationException e = assertThrows(SmartMigrationException.class, MigrationChain::generated);

            assertThat(e.code()).isEqualTo(ErrorCode.CHAIN_NOT_FOUND);
            assertThat(e.getMessage()).startsWith("[smartmigration:CHAIN_NOT_FOUND] more than one generated "
                    + "migration chain is on the classpath: " + appPackage + ".GeneratedMigrationChain (" + app.toUri().toURL()
                    + "META-INF/services/dev.smartmigration.runtime.MigrationChain) and " + libPackage
                    + ".GeneratedMigrationChain (" + lib.toUri().toURL() + "META-INF/services/");
            assertThat(e.getMessage()).contains("Keep the @Migration classes of one application in one module, or "
                    + "pass the chain to run with MigrationConfig.builder().chain(...).");
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static Path compileModule(Path module, String pkg, String type, String id, String from, String to,
                                      List<Path> dependencies) throws IOException {
        Path src = Files.createDirectories(module.resolve("src/" + pkg.replace('.', '/')));
        Path classes = Files.createDirectories(module.resolve("classes"));
        Path generated = Files.createDirectories(module.resolve("generated"));
        Path file = src.resolve(type + ".java");
        Files.writeString(file, String.join("\n",
                "package " + pkg + ";",
                "@dev.smartmigration.annotations.Migration(id = \"" + id + "\", from = \"" + from + "\", to = \""
                        + to + "\")",
                "public class " + type + " implements dev.smartmigration.runtime.MigrationStep {",
                "    @Override public void up(dev.smartmigration.runtime.MigrationContext ctx) { }",
                "}"));
        List<String> classpath = new ArrayList<>();
        classpath.add(classes.toString());
        dependencies.forEach(d -> classpath.add(d.toString()));
        classpath.add(System.getProperty("java.class.path"));
        IncrementalBuildTest.TestProject.Result result = Javac.run(List.of("-d", classes.toString(),
                "-s", generated.toString(), "-classpath", String.join(File.pathSeparator, classpath),
                file.toString()));
        assertThat(result.errors()).isEmpty();
        return classes;
    }
}
