package dev.smartmigration.cli;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.SmartMigrationException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The application's classes, named by {@code --app}: where the CLI finds the generated chain and the code of the
 * steps. Each entry of the path is a jar (with the jars its manifest's {@code Class-Path} names, as {@code java -jar}
 * reads them), a directory of classes, {@code dir/*} for every jar in a directory, or an executable Spring Boot jar
 * or WAR, whose {@code BOOT-INF}/{@code WEB-INF} classes and libraries are unpacked to a temporary directory.
 *
 * <p>The application's loader asks the CLI's first, so the migrations see the CLI's runtime, store clients and
 * SLF4J: the clients and logger the runtime hands them are the CLI's. Everything else (the application's own
 * classes and libraries, Jackson included, which the CLI relocates) comes from {@code --app}. While it is open, the
 * loader is the thread's context class loader.
 */
final class AppClassPath implements AutoCloseable {

    /** Where the processor writes the chain's {@code ServiceLoader} entry. */
    static final String CHAIN_SERVICE = "META-INF/services/" + MigrationChain.class.getName();

    private static final String RUNTIME_POM =
            "META-INF/maven/dev.smartmigration/smartmigration-runtime/pom.properties";

    private final String spec;
    private final List<Path> entries;
    private final URLClassLoader loader;
    private final Path unpacked;
    private final ClassLoader previousContext;

    private AppClassPath(String spec, List<Path> entries, URLClassLoader loader, Path unpacked) {
        this.spec = spec;
        this.entries = List.copyOf(entries);
        this.loader = loader;
        this.unpacked = unpacked;
        this.previousContext = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
    }

    /**
     * Opens the class path {@code --app} names.
     *
     * @param spec the option's value: entries separated by {@link File#pathSeparator}
     * @return the open class path, the thread's context class loader until it is closed
     * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} when an entry is missing or unreadable
     */
    static AppClassPath open(String spec) {
        List<Path> entries = new ArrayList<>();
        Path unpacked = null;
        try {
            for (String part : spec.split(File.pathSeparator)) {
                if (part.isBlank()) {
                    continue;
                }
                if (part.endsWith("*") && (part.length() == 1 || isSeparator(part.charAt(part.length() - 2)))) {
                    entries.addAll(jarsIn(part));
                    continue;
                }
                Path entry = Path.of(part);
                if (Files.isDirectory(entry)) {
                    entries.add(entry);
                } else if (Files.isRegularFile(entry)) {
                    Optional<String> layout = packagedLayout(entry);
                    if (layout.isPresent()) {
                        if (unpacked == null) {
                            unpacked = Files.createTempDirectory("smartmigration-app-");
                        }
                        entries.addAll(unpack(entry, layout.get(), unpacked.resolve("app-" + entries.size())));
                    } else {
                        entries.add(entry);
                    }
                } else {
                    throw invalid(part + " does not exist (looked for " + entry.toAbsolutePath() + ")");
                }
            }
        } catch (IOException e) {
            delete(unpacked);
            throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS, "--app " + spec + " could not be read: "
                    + e + ".", e);
        } catch (RuntimeException e) {
            delete(unpacked);
            throw e;
        }
        if (entries.isEmpty()) {
            throw invalid("names no jar or directory");
        }
        URL[] urls = entries.stream().map(AppClassPath::url).toArray(URL[]::new);
        return new AppClassPath(spec, entries, new URLClassLoader("smartmigration-app", urls,
                AppClassPath.class.getClassLoader()), unpacked);
    }

    /**
     * Loads the chain the processor generated for the application.
     *
     * @return the chain, its steps listed (so a class the list needs and {@code --app} lacks is reported here)
     * @throws SmartMigrationException {@link ErrorCode#CHAIN_NOT_FOUND}, saying in CLI terms what {@code --app}
     *         lacks
     */
    MigrationChain chain() {
        try {
            MigrationChain chain = MigrationChain.generated();
            chain.steps();
            return chain;
        } catch (SmartMigrationException e) {
            Optional<String> missing = missingClass(e);
            if (missing.isPresent()) {
                throw missingClass(missing.get(), e);
            }
            if (e.code() == ErrorCode.CHAIN_NOT_FOUND && !e.details().containsKey("chains")) {
                throw new SmartMigrationException(ErrorCode.CHAIN_NOT_FOUND, "no generated migration chain in --app "
                        + spec + " (" + describeEntries() + "). The chain is in the jar of the module that compiled "
                        + "the @Migration classes, as " + CHAIN_SERVICE + ": give that jar, or the application's "
                        + "whole class path, e.g. --app 'app.jar:lib/*'." + directoryHint()
                        + " A module built without smartmigration-processor on its annotation processor path has "
                        + "no chain (docs/processor.md).", Map.of("app", spec), e.getCause());
            }
            throw e;
        } catch (LinkageError e) {
            throw missingClass(e.getMessage(), e);
        }
    }

    /**
     * {@return the version of {@code smartmigration-runtime} that {@code --app} brings, when it brings one}
     */
    Optional<String> runtimeVersion() {
        return version(Collections.list(findResources(RUNTIME_POM)));
    }

    /** {@return the version of the runtime this CLI runs, when its jar records it} */
    static Optional<String> cliRuntimeVersion() {
        URL url = AppClassPath.class.getClassLoader().getResource(RUNTIME_POM);
        return url == null ? Optional.empty() : version(List.of(url));
    }

    /**
     * {@return the class a failure reports missing, when it is a class the application's class path lacks}
     *
     * @param failure a failure, possibly with a {@link NoClassDefFoundError} or {@link ClassNotFoundException}
     *                somewhere in its causes
     */
    static Optional<String> missingClass(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NoClassDefFoundError || t instanceof ClassNotFoundException) {
                return Optional.of(String.valueOf(t.getMessage()).replace('/', '.'));
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        Thread.currentThread().setContextClassLoader(previousContext);
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(unpacked);
        }
    }

    private SmartMigrationException missingClass(String className, Throwable cause) {
        return new SmartMigrationException(ErrorCode.CHAIN_NOT_FOUND, "the migration chain in --app " + spec
                + " needs " + className + ", which is not on that class path (" + describeEntries() + "). Add the "
                + "jar that has it: give the application's whole class path, e.g. --app 'app.jar:lib/*'.",
                Map.of("app", spec, "missingClass", className), cause);
    }

    private java.util.Enumeration<URL> findResources(String name) {
        try {
            return loader.findResources(name);
        } catch (IOException e) {
            return Collections.emptyEnumeration();
        }
    }

    private String describeEntries() {
        long jars = entries.stream().filter(Files::isRegularFile).count();
        long directories = entries.size() - jars;
        List<String> parts = new ArrayList<>();
        if (jars > 0) {
            parts.add(jars + (jars == 1 ? " jar" : " jars"));
        }
        if (directories > 0) {
            parts.add(directories + (directories == 1 ? " directory" : " directories"));
        }
        return "searched " + String.join(" and ", parts);
    }

    /** A directory holding jars but no classes was most likely meant as {@code dir/*}. */
    private String directoryHint() {
        for (Path entry : entries) {
            if (Files.isDirectory(entry) && !Files.isDirectory(entry.resolve("META-INF"))) {
                try (Stream<Path> files = Files.list(entry)) {
                    if (files.anyMatch(AppClassPath::isJar)) {
                        return " " + entry + " is a directory of jars: write '" + entry + File.separator + "*' to put "
                                + "its jars on the class path.";
                    }
                } catch (IOException e) {
                    return "";
                }
            }
        }
        return "";
    }

    private static List<Path> jarsIn(String wildcard) throws IOException {
        Path dir = Path.of(wildcard.length() == 1 ? "." : wildcard.substring(0, wildcard.length() - 2));
        if (!Files.isDirectory(dir)) {
            throw invalid(wildcard + ": " + dir.toAbsolutePath() + " is not a directory");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> jars = files.filter(AppClassPath::isJar).sorted(Comparator.comparing(Path::toString)).toList();
            if (jars.isEmpty()) {
                throw invalid(wildcard + ": " + dir.toAbsolutePath() + " holds no jar");
            }
            return jars;
        }
    }

    private static boolean isJar(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar");
    }

    private static boolean isSeparator(char c) {
        return c == '/' || c == File.separatorChar;
    }

    /** {@return {@code BOOT-INF/} or {@code WEB-INF/} when the jar keeps its classes and libraries there} */
    private static Optional<String> packagedLayout(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (String layout : List.of("BOOT-INF/", "WEB-INF/")) {
                if (zip.getEntry(layout + "classes/") != null || zip.stream().anyMatch(e -> e.getName()
                        .startsWith(layout + "classes/") || e.getName().startsWith(layout + "lib/"))) {
                    return Optional.of(layout);
                }
            }
            return Optional.empty();
        } catch (ZipException e) {
            throw invalid(jar + " is neither a jar nor a directory (" + e.getMessage() + ")");
        }
    }

    /** Unpacks {@code layout}'s classes into {@code into/classes} and its libraries into {@code into/lib}. */
    private static List<Path> unpack(Path jar, String layout, Path into) throws IOException {
        Path classes = Files.createDirectories(into.resolve("classes"));
        Path lib = Files.createDirectories(into.resolve("lib"));
        List<Path> libraries = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                String name = entry.getName();
                Path target;
                if (name.startsWith(layout + "classes/")) {
                    target = classes.resolve(name.substring((layout + "classes/").length())).normalize();
                } else if (name.startsWith(layout + "lib/") && name.endsWith(".jar")) {
                    target = lib.resolve(name.substring((layout + "lib/").length())).normalize();
                    libraries.add(target);
                } else {
                    continue;
                }
                if (!target.startsWith(into)) {
                    throw invalid(jar + " holds an entry outside its own directories: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        libraries.sort(Comparator.comparing(Path::toString));
        List<Path> entries = new ArrayList<>();
        entries.add(classes);
        entries.addAll(libraries);
        return entries;
    }

    private static Optional<String> version(List<URL> pomProperties) {
        for (URL url : pomProperties) {
            try (InputStream in = url.openStream()) {
                Properties p = new Properties();
                p.load(in);
                return Optional.ofNullable(p.getProperty("version"));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static URL url(Path entry) {
        try {
            return entry.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(entry.toString(), e);
        }
    }

    private static SmartMigrationException invalid(String problem) {
        return new SmartMigrationException(ErrorCode.INVALID_OPTIONS, "--app: " + problem + ". Give the "
                + "application's jar (e.g. --app target/app.jar), or its class path (e.g. --app 'app.jar:lib/*').");
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("smartmigration: could not delete " + dir + ": " + e);
        }
    }
}
