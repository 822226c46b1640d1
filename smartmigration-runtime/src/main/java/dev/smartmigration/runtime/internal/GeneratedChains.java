package dev.smartmigration.runtime.internal;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.SmartMigrationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the chain the annotation processor generated, through its {@code META-INF/services} entry. Two entries on
 * one class path are refused, even when they name classes of the same name (the {@link ServiceLoader} would
 * silently keep the first): which chain runs must never depend on the order of the class path.
 */
public final class GeneratedChains {

    /** The {@link ServiceLoader} entry the processor writes. */
    public static final String SERVICE_FILE = "META-INF/services/" + MigrationChain.class.getName();

    private GeneratedChains() {
    }

    /**
     * @return the one generated chain on the thread's context class loader
     * @throws SmartMigrationException {@link ErrorCode#CHAIN_NOT_FOUND} when there is none or more than one
     */
    public static MigrationChain find() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ClassLoader.getSystemClassLoader();
        }
        List<URL> entries = entries(loader);
        if (entries.size() > 1) {
            List<String> places = new ArrayList<>();
            for (URL entry : entries) {
                places.add(String.join(", ", names(entry)) + " (" + entry + ")");
            }
            String listed = String.join(" and ", places);
            throw new SmartMigrationException(ErrorCode.CHAIN_NOT_FOUND, "more than one generated migration chain is "
                    + "on the classpath: " + listed + ". Each module that compiles @Migration classes generates its "
                    + "own chain, and which one runs must not depend on the order of the classpath. Keep the "
                    + "@Migration classes of one application in one module, or pass the chain to run with "
                    + "MigrationConfig.builder().chain(...).", Map.of("chains", listed), null);
        }
        List<MigrationChain> found = new ArrayList<>();
        try {
            ServiceLoader.load(MigrationChain.class, loader).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new SmartMigrationException(ErrorCode.CHAIN_NOT_FOUND, "the generated migration chain could not "
                    + "be loaded: " + e.getMessage() + ". Rebuild the application with smartmigration-processor "
                    + "on the annotation processor path.", Map.of(), e);
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty()) {
            throw new SmartMigrationException(ErrorCode.CHAIN_NOT_FOUND, "no migration chain is configured and "
                    + "none was generated on the classpath. Add smartmigration-processor to the annotation processor "
                    + "path so it generates GeneratedMigrationChain from your @Migration classes, or pass a chain "
                    + "with MigrationConfig.builder().chain(...).");
        }
        String names = found.stream().map(c -> c.getClass().getName()).collect(Collectors.joining(", "));
        throw new SmartMigrationException(ErrorCode.CHAIN_NOT_FOUND, "more than one migration chain is named in "
                + SERVICE_FILE + " (" + names + "), so it is not clear which to run. Name one, or pass the chain "
                + "with MigrationConfig.builder().chain(...).", Map.of("chains", names), null);
    }

    private static List<URL> entries(ClassLoader loader) {
        try {
            Set<String> seen = new LinkedHashSet<>();
            List<URL> distinct = new ArrayList<>();
            for (URL url : Collections.list(loader.getResources(SERVICE_FILE))) {
                if (seen.add(url.toExternalForm())) {
                    distinct.add(url);
                }
            }
            return distinct;
        } catch (IOException e) {
            throw new SmartMigrationException(ErrorCode.CHAIN_NOT_FOUND, "the classpath could not be searched for "
                    + SERVICE_FILE + ": " + e + ".", Map.of(), e);
        }
    }

    private static List<String> names(URL entry) {
        try (InputStream in = entry.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(l -> l.replaceFirst("#.*", "").strip())
                    .filter(l -> !l.isEmpty())
                    .collect(Collectors.toList());
        } catch (IOException e) {
            return List.of("(unreadable: " + e + ")");
        }
    }
}
