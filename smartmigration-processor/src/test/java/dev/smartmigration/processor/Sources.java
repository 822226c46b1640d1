package dev.smartmigration.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Builds test sources with one annotation attribute per line, so diagnostics can be matched to a line. */
final class Sources {

    private Sources() {
    }

    static Compiler compiler() {
        return Compiler.javac().withProcessors(new MigrationProcessor());
    }

    static Compilation compile(JavaFileObject... sources) {
        return compiler().compile(sources);
    }

    /** A valid public migration {@code typeName} with the given id and range. */
    static JavaFileObject migration(String typeName, String id, String from, String to) {
        return migration(typeName, id, from, to, "public class");
    }

    /** A migration whose class declaration starts with {@code declaration}, e.g. {@code "final class"}. */
    static JavaFileObject migration(String typeName, String id, String from, String to, String declaration) {
        return withBody(typeName, id, from, to, declaration + " " + simpleName(typeName) + " implements MigrationStep {",
                "    @Override",
                "    public void up(MigrationContext ctx) {",
                "    }",
                "}");
    }

    /** A source with a {@code @Migration} annotation followed by the given lines. */
    static JavaFileObject withBody(String typeName, String id, String from, String to, String... body) {
        List<String> lines = new ArrayList<>(header(typeName));
        lines.add("@Migration(");
        lines.add("        id = \"" + id + "\",");
        lines.add("        from = \"" + from + "\",");
        lines.add("        to = \"" + to + "\")");
        lines.addAll(List.of(body));
        return JavaFileObjects.forSourceLines(typeName, lines);
    }

    /** A source that declares {@code typeName} with the imports migrations use, then the given lines. */
    static JavaFileObject plain(String typeName, String... body) {
        List<String> lines = new ArrayList<>(header(typeName));
        lines.addAll(List.of(body));
        return JavaFileObjects.forSourceLines(typeName, lines);
    }

    private static List<String> header(String typeName) {
        List<String> lines = new ArrayList<>();
        int dot = typeName.lastIndexOf('.');
        if (dot > 0) {
            lines.add("package " + typeName.substring(0, dot) + ";");
        }
        lines.add("");
        lines.add("import dev.smartmigration.annotations.Migration;");
        lines.add("import dev.smartmigration.runtime.MigrationContext;");
        lines.add("import dev.smartmigration.runtime.MigrationStep;");
        lines.add("");
        return lines;
    }

    static String simpleName(String typeName) {
        return typeName.substring(typeName.lastIndexOf('.') + 1);
    }
}
