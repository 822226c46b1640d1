package dev.smartmigration.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * This JVM's class path as a list of files, with the {@code Class-Path} of manifest-only jars followed
 * ({@code java -jar benchmarks.jar}, Surefire's booter jar), so child JVMs and javac see every entry.
 */
final class Classpath {

    private Classpath() {
    }

    /** @return every entry of this JVM's class path, absolute, in order */
    static List<Path> entries() {
        Set<Path> out = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                add(Path.of(entry).toAbsolutePath().normalize(), out);
            }
        }
        return List.copyOf(out);
    }

    /**
     * @param extra entries to put first
     * @return {@code extra} and then this JVM's class path, as one {@code -cp} argument
     */
    static String with(List<Path> extra) {
        List<String> all = new ArrayList<>();
        extra.forEach(p -> all.add(p.toString()));
        entries().forEach(p -> all.add(p.toString()));
        return String.join(File.pathSeparator, all);
    }

    private static void add(Path entry, Set<Path> out) {
        if (!out.add(entry) || !entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null) {
                return;
            }
            for (String ref : classPath.trim().split("\\s+")) {
                add(resolve(entry, ref), out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + entry, e);
        }
    }

    private static Path resolve(Path jar, String ref) {
        try {
            URI uri = ref.startsWith("file:") ? new URI(ref) : jar.getParent().toUri().resolve(new URI(null, ref, null));
            return Path.of(uri).toAbsolutePath().normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad Class-Path entry " + ref + " in " + jar, e);
        }
    }
}
