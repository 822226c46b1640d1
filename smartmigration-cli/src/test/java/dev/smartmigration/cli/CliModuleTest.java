package dev.smartmigration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The CLI module exports its one entry point and requires nothing of the runtime but its API (docs/api.md). */
class CliModuleTest {

    private static final Path CLASSES = Path.of("target/classes");

    @Test
    void moduleExportsTheCliPackage_whoseOnlyPublicTypeIsTheEntryPoint() throws Exception {
        ModuleDescriptor module = ModuleFinder.of(CLASSES).find("dev.smartmigration.cli").orElseThrow().descriptor();
        Set<String> publicTypes = new TreeSet<>();
        try (Stream<Path> files = Files.list(CLASSES.resolve("dev/smartmigration/cli"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String simple = file.getFileName().toString().replace(".class", "");
                if (!simple.contains("$") && Modifier.isPublic(Class.forName("dev.smartmigration.cli." + simple,
                        false, getClass().getClassLoader()).getModifiers())) {
                    publicTypes.add(simple);
                }
            }
        }

        assertEquals(Set.of("dev.smartmigration.cli"),
                module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        assertEquals(Set.of("SmartMigrationCli"), publicTypes);
        assertEquals(Set.of(true), module.requires().stream()
                .filter(r -> r.name().startsWith("org.mongodb") || r.name().startsWith("software.amazon"))
                .map(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                .collect(Collectors.toSet()), "the store clients stay optional");
    }
}
