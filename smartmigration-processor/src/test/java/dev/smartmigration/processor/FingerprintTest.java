package dev.smartmigration.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The fingerprint of a migration class: what javac parsed of its code. Formatting, comments and the spelling of
 * a literal keep it; a change to the code changes it.
 */
class FingerprintTest {

    private static final String HEADER = String.join("\n",
            "package com.acme;",
            "",
            "import dev.smartmigration.annotations.Migration;",
            "import dev.smartmigration.runtime.MigrationContext;",
            "import dev.smartmigration.runtime.MigrationStep;",
            "import java.util.List;",
            "");

    private static final String ORIGINAL = HEADER + String.join("\n",
            "@Migration(id = \"backfill\", from = \"1.0.0\", to = \"1.1.0\")",
            "public class Backfill implements MigrationStep {",
            "    private static final int BATCH = 500;",
            "",
            "    @Override",
            "    public void up(MigrationContext ctx) {",
            "        String collection = \"users\";",
            "        for (int i = 0; i < BATCH; i++) {",
            "            System.out.println(collection + i);",
            "        }",
            "        System.out.println(List.of(collection));",
            "    }",
            "}");

    @Test
    void fingerprint_isTheAlgorithmVersionAndASha256() {
        assertThat(fingerprintOf(ORIGINAL)).matches("v1:[0-9a-f]{64}");
    }

    @Test
    void sameSourceInAnotherCompilation_hasTheSameFingerprint() {
        assertThat(fingerprintOf(ORIGINAL)).isEqualTo(fingerprintOf(ORIGINAL));
    }

    @Test
    void reformattedWithCommentsAndBlankLines_keepsTheFingerprint() {
        String reformatted = HEADER + String.join("\n",
                "/**",
                " * Backfills the users, 500 at a time.",
                " */",
                "@Migration(id = \"backfill\",",
                "           from = \"1.0.0\",",
                "           to = \"1.1.0\")",
                "public class Backfill",
                "        implements MigrationStep",
                "{",
                "",
                "    private static final int BATCH = 500; // one batch",
                "",
                "",
                "    /* the step */",
                "    @Override public void up( MigrationContext ctx )",
                "    {",
                "        String collection",
                "                = \"users\";",
                "        // every document",
                "        for (int i = 0;",
                "             i < BATCH;",
                "             i++) { System.out.println(collection + i); }",
                "\tSystem.out.println(List.of(collection));",
                "    }",
                "}");

        assertThat(fingerprintOf(reformatted)).isEqualTo(fingerprintOf(ORIGINAL));
    }

    @Test
    void literalWrittenAnotherWay_keepsTheFingerprint() {
        String spelled = ORIGINAL.replace("BATCH = 500", "BATCH = 0x1F4").replace("\"users\"",
                "\"\"\"\n            users\"\"\"");

        assertThat(fingerprintOf(spelled)).isEqualTo(fingerprintOf(ORIGINAL));
    }

    @Test
    void changedLiteral_changesTheFingerprint() {
        assertThat(fingerprintOf(ORIGINAL.replace("BATCH = 500", "BATCH = 501")))
                .isNotEqualTo(fingerprintOf(ORIGINAL));
        assertThat(fingerprintOf(ORIGINAL.replace("\"users\"", "\"customers\"")))
                .isNotEqualTo(fingerprintOf(ORIGINAL));
    }

    @Test
    void addedOrRemovedStatementOrChangedOperator_changesTheFingerprint() {
        String added = ORIGINAL.replace("        System.out.println(List.of(collection));",
                "        System.out.println(List.of(collection));\n        System.out.println(\"done\");");
        String removed = ORIGINAL.replace("        System.out.println(List.of(collection));\n", "");
        String operator = ORIGINAL.replace("i < BATCH", "i <= BATCH");

        List<String> fingerprints = List.of(fingerprintOf(ORIGINAL), fingerprintOf(added), fingerprintOf(removed),
                fingerprintOf(operator));
        assertThat(Set.copyOf(fingerprints)).hasSize(4);
    }

    @Test
    void swappedStatements_changeTheFingerprint() {
        String swapped = ORIGINAL.replace(String.join("\n",
                        "        for (int i = 0; i < BATCH; i++) {",
                        "            System.out.println(collection + i);",
                        "        }",
                        "        System.out.println(List.of(collection));"),
                String.join("\n",
                        "        System.out.println(List.of(collection));",
                        "        for (int i = 0; i < BATCH; i++) {",
                        "            System.out.println(collection + i);",
                        "        }"));

        assertThat(swapped).isNotEqualTo(ORIGINAL);
        assertThat(fingerprintOf(swapped)).isNotEqualTo(fingerprintOf(ORIGINAL));
    }

    @Test
    void reorderedOrUnusedImports_keepTheFingerprint_aChangedImportOfAUsedNameChangesIt() {
        String reordered = ORIGINAL.replace(HEADER, String.join("\n",
                "package com.acme;",
                "",
                "import java.util.List;",
                "import java.util.Map;",
                "import dev.smartmigration.runtime.MigrationStep;",
                "import dev.smartmigration.runtime.MigrationContext;",
                "import dev.smartmigration.annotations.Migration;",
                ""));
        String otherList = ORIGINAL.replace("import java.util.List;", "import com.acme.other.List;");

        assertThat(fingerprintOf(reordered)).isEqualTo(fingerprintOf(ORIGINAL));
        assertThat(fingerprintOf(otherList, JavaFileObjects.forSourceLines("com.acme.other.List",
                "package com.acme.other;",
                "public final class List {",
                "    public static Object of(Object o) { return o; }",
                "}"))).isNotEqualTo(fingerprintOf(ORIGINAL));
    }

    @Test
    void annotationValuesAndTheClassName_keepTheFingerprint() {
        String described = ORIGINAL.replace("to = \"1.1.0\")",
                "to = \"1.1.0\", description = \"Backfill\", resumable = true)");
        String renamed = ORIGINAL.replace("class Backfill ", "class BackfillUsers ");

        assertThat(fingerprintOf(described)).isEqualTo(fingerprintOf(ORIGINAL));
        assertThat(fingerprintOf("com.acme.BackfillUsers", renamed)).isEqualTo(fingerprintOf(ORIGINAL));
    }

    @Test
    void changeInANestedClass_changesTheFingerprint_changeInASuperclassDoesNot() {
        String withBase = HEADER + String.join("\n",
                "@Migration(id = \"backfill\", from = \"1.0.0\", to = \"1.1.0\")",
                "public class Backfill extends Base implements MigrationStep {",
                "    static final class Batch { int size = 500; }",
                "    @Override public void up(MigrationContext ctx) { run(new Batch().size); }",
                "}");
        JavaFileObject base = JavaFileObjects.forSourceLines("com.acme.Base",
                "package com.acme;",
                "public abstract class Base { protected void run(int size) { System.out.println(size); } }");
        JavaFileObject editedBase = JavaFileObjects.forSourceLines("com.acme.Base",
                "package com.acme;",
                "public abstract class Base { protected void run(int size) { System.out.println(size * 2); } }");

        String original = fingerprintOf(withBase, base);
        assertThat(fingerprintOf(withBase.replace("int size = 500", "int size = 50"), base)).isNotEqualTo(original);
        assertThat(fingerprintOf(withBase, editedBase)).isEqualTo(original);
    }

    @Test
    void explicitCopyOfTheDefaultConstructor_isCode_butJavacsImplicitOneIsNot() {
        String implicit = fingerprintOf(ORIGINAL);
        String explicit = fingerprintOf(ORIGINAL.replace("    private static final int BATCH = 500;",
                "    private static final int BATCH = 500;\n    public Backfill() { }"));

        assertThat(explicit).isNotEqualTo(implicit);
    }

    @Test
    void kotlinStub_hasNoFingerprint() {
        JavaFileObject metadata = JavaFileObjects.forSourceLines("kotlin.Metadata",
                "package kotlin;",
                "public @interface Metadata { }");
        String stub = ORIGINAL.replace("public class Backfill", "@kotlin.Metadata public class Backfill");

        assertThat(fingerprintsOf(compile(source("com.acme.Backfill", stub), metadata))).containsExactly("backfill",
                FingerprintFile.UNKNOWN);
    }

    @Test
    void environmentDecoratedByABuildTool_stillGivesTheFingerprint() {
        Compilation c = Sources.compiler().withProcessors(new DecoratedProcessor(Decorator::new))
                .compile(source("com.acme.Backfill", ORIGINAL));

        assertThat(c).succeededWithoutWarnings();
        assertThat(fingerprintsOf(c)).containsExactly("backfill", fingerprintOf(ORIGINAL));
    }

    @Test
    void environmentWithoutTheCompilersTrees_leavesTheFingerprintUnknown_andStillGeneratesTheChain() {
        Compilation c = Sources.compiler().withProcessors(new DecoratedProcessor(FingerprintTest::opaque))
                .compile(source("com.acme.Backfill", ORIGINAL));

        assertThat(c).succeededWithoutWarnings();
        assertThat(fingerprintsOf(c)).containsExactly("backfill", FingerprintFile.UNKNOWN);
    }

    static String fingerprintOf(String source, JavaFileObject... others) {
        return fingerprintOf("com.acme.Backfill", source, others);
    }

    private static String fingerprintOf(String typeName, String source, JavaFileObject... others) {
        JavaFileObject[] all = new JavaFileObject[others.length + 1];
        all[0] = source(typeName, source);
        System.arraycopy(others, 0, all, 1, others.length);
        Map<String, String> fingerprints = fingerprintsOf(compile(all));
        assertThat(fingerprints).hasSize(1);
        return fingerprints.values().iterator().next();
    }

    private static Compilation compile(JavaFileObject... sources) {
        Compilation c = Sources.compile(sources);
        assertThat(c).succeededWithoutWarnings();
        return c;
    }

    private static JavaFileObject source(String typeName, String text) {
        return JavaFileObjects.forSourceString(typeName, text);
    }

    /** @return the fingerprint file beside the chain, as step id to fingerprint ({@code -} when unknown) */
    static Map<String, String> fingerprintsOf(Compilation c) {
        JavaFileObject file = c.generatedFile(StandardLocation.CLASS_OUTPUT, "com.acme", FingerprintFile.NAME)
                .orElseThrow();
        try {
            Map<String, String> byId = new HashMap<>();
            String[] lines = file.getCharContent(true).toString().split("\n");
            assertThat(lines[0]).isEqualTo(FingerprintFile.HEADER);
            for (int i = 2; i < lines.length; i++) {
                String[] words = lines[i].split(" ");
                byId.put(words[0], words[1]);
            }
            return byId;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An environment that hides javac's behind a proxy, as some IDE builders do: no field holds javac's. */
    private static ProcessingEnvironment opaque(ProcessingEnvironment javacs) {
        return (ProcessingEnvironment) Proxy.newProxyInstance(FingerprintTest.class.getClassLoader(),
                new Class<?>[] {ProcessingEnvironment.class}, (proxy, method, args) -> method.invoke(javacs, args));
    }

    /** Decorates javac's environment the way Gradle's incremental processing does: javac's is in a field. */
    private static final class Decorator implements ProcessingEnvironment {
        private final ProcessingEnvironment delegate;

        Decorator(ProcessingEnvironment delegate) {
            this.delegate = delegate;
        }

        @Override
        public Map<String, String> getOptions() {
            return delegate.getOptions();
        }

        @Override
        public Messager getMessager() {
            return delegate.getMessager();
        }

        @Override
        public Filer getFiler() {
            return delegate.getFiler();
        }

        @Override
        public Elements getElementUtils() {
            return delegate.getElementUtils();
        }

        @Override
        public Types getTypeUtils() {
            return delegate.getTypeUtils();
        }

        @Override
        public SourceVersion getSourceVersion() {
            return delegate.getSourceVersion();
        }

        @Override
        public Locale getLocale() {
            return delegate.getLocale();
        }
    }
}
