package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module exports the API package only, and docs/api.md lists exactly its public types: a type made public for
 * another package's convenience, or one added without documentation, fails here.
 */
class PublicApiTest {

    private static final Path CLASSES = Path.of("target/classes");

    @Test
    void moduleExportsOnlyTheApiPackage_andUsesTheGeneratedChainService() throws IOException {
        ModuleDescriptor module;
        try (InputStream in = Files.newInputStream(CLASSES.resolve("module-info.class"))) {
            module = ModuleDescriptor.read(in);
        }

        assertEquals("dev.smartmigration.runtime", module.name());
        assertEquals(Set.of("dev.smartmigration.runtime"),
                module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        assertEquals(Set.of(), module.opens());
        assertEquals(Set.of(MigrationChain.class.getName()), module.uses());
        Set<String> optional = module.requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                .map(ModuleDescriptor.Requires::name).filter(n -> n.startsWith("org.mongodb")
                        || n.startsWith("software.amazon")).collect(Collectors.toSet());
        assertEquals(module.requires().stream().map(ModuleDescriptor.Requires::name)
                .filter(n -> n.startsWith("org.mongodb") || n.startsWith("software.amazon"))
                .collect(Collectors.toSet()), optional, "the MongoDB driver and the AWS SDK stay optional");
    }

    @Test
    void docsApiMd_listsEveryPublicTypeOfTheExportedPackage_andNoOther() throws Exception {
        Set<String> exported = new TreeSet<>();
        try (Stream<Path> files = Files.list(CLASSES.resolve("dev/smartmigration/runtime"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String simple = file.getFileName().toString().replace(".class", "");
                if (!simple.contains("$") && !simple.equals("package-info")) {
                    Class<?> type = Class.forName("dev.smartmigration.runtime." + simple, false,
                            getClass().getClassLoader());
                    if (Modifier.isPublic(type.getModifiers())) {
                        exported.add(simple);
                    }
                }
            }
        }

        String api = Files.readString(Path.of("../docs/api.md"));
        String section = api.substring(api.indexOf("## `smartmigration-runtime`"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        Set<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `(\\w+)` \\|").matcher(section);
        while (row.find()) {
            documented.add(row.group(1));
        }

        assertEquals(exported, documented);
    }
}
