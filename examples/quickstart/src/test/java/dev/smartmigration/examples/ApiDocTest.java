package dev.smartmigration.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md lists, for every published module, exactly the public top-level types of the package it exports:
 * a type made public for another package's convenience, or added without a line in the API list, fails here. The
 * exported package is the one the module's {@code module-info.java} exports to everyone, or, for a module with an
 * {@code Automatic-Module-Name} (which exports every package), the package the section names. Read from the
 * sources, so every module is checked from here, whatever its dependencies ({@code PublicApiTest} checks the
 * runtime's compiled module as well).
 */
class ApiDocTest {

    private static final Pattern SECTION = Pattern.compile(
            "(?m)^## `([\\w-]+)` — (automatic )?module `[\\w.]+`, package `([\\w.]+)`$");
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `(\\w+)` \\|");
    private static final Pattern EXPORT = Pattern.compile("(?m)^\\s*exports\\s+([\\w.]+)\\s*;");

    @Test
    void everyPublishedModulesSection_listsExactlyThePublicTypesOfItsExportedPackage() throws IOException {
        Path root = DocSnippetsTest.repositoryRoot();
        String api = Files.readString(root.resolve("docs/api.md"));
        Map<String, Set<String>> documented = new LinkedHashMap<>();
        Map<String, Set<String>> exported = new LinkedHashMap<>();
        Matcher section = SECTION.matcher(api);
        while (section.find()) {
            String module = section.group(1);
            int end = api.indexOf("\n## ", section.end());
            Set<String> rows = new TreeSet<>();
            Matcher row = ROW.matcher(api.substring(section.end(), end < 0 ? api.length() : end));
            while (row.find()) {
                rows.add(row.group(1));
            }
            documented.put(module, rows);
            exported.put(module, publicTypes(root.resolve(module).resolve("src/main/java"), section.group(3),
                    section.group(2) != null));
        }

        assertFalse(documented.isEmpty(), "no module sections found in docs/api.md");
        assertEquals(exported, documented, "docs/api.md's lists versus the public types of each exported package");
    }

    /** @return the public top-level types of {@code pkg}, or none when the module does not export it */
    private static Set<String> publicTypes(Path sources, String pkg, boolean automatic) throws IOException {
        Set<String> types = new TreeSet<>();
        if (!automatic) {
            Matcher export = EXPORT.matcher(Files.readString(sources.resolve("module-info.java")));
            boolean exportsIt = false;
            while (export.find()) {
                exportsIt |= export.group(1).equals(pkg);
            }
            if (!exportsIt) {
                return types;
            }
        }
        try (Stream<Path> files = Files.list(sources.resolve(pkg.replace('.', '/')))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = file.getFileName().toString().replace(".java", "");
                Pattern declaration = Pattern.compile("(?m)^public\\s+(?:(?:final|abstract|sealed|non-sealed)\\s+)*"
                        + "(?:class|interface|record|enum|@interface)\\s+" + name + "\\b");
                if (!List.of("package-info", "module-info").contains(name)
                        && declaration.matcher(Files.readString(file)).find()) {
                    types.add(name);
                }
            }
        }
        return types;
    }
}
