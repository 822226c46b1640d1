package dev.smartmigration.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.smartmigration.processor.Sources.compile;
import static dev.smartmigration.processor.Sources.migration;
import static dev.smartmigration.processor.Sources.plain;
import static dev.smartmigration.processor.Sources.withBody;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.smartmigration.annotations.Migration;
import java.io.File;
import java.net.URISyntaxException;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** INVALID_MIGRATION_CLASS: every shape of class the generated chain cannot create, reported on the annotation. */
class ClassDiagnosticsTest {

    private static final String TAG = "[smartmigration:INVALID_MIGRATION_CLASS] ";

    private static void assertSingleError(Compilation c, JavaFileObject file, String message, String line) {
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining(TAG + message).inFile(file).onLineContaining(line);
    }

    @Test
    void interfaceAnnotated_reportsNotAClass() {
        JavaFileObject src = withBody("com.acme.Step", "step", "1.0.0", "1.1.0",
                "public interface Step extends MigrationStep {", "}");

        assertSingleError(compile(src), src, "com.acme.Step is an interface, but a @Migration must be a concrete "
                + "class that the generated chain creates with its no-arg constructor.", "@Migration(");
    }

    @Test
    void enumAnnotated_reportsNotAClass() {
        JavaFileObject src = withBody("com.acme.Step", "step", "1.0.0", "1.1.0",
                "public enum Step implements MigrationStep {", "    ONLY;",
                "    @Override public void up(MigrationContext ctx) { }", "}");

        assertSingleError(compile(src), src, "com.acme.Step is an enum", "@Migration(");
    }

    @Test
    void abstractClass_reportsAbstract() {
        JavaFileObject src = migration("com.acme.Step", "step", "1.0.0", "1.1.0", "public abstract class");

        assertSingleError(compile(src), src, "com.acme.Step is abstract, so the generated chain cannot create it. "
                + "Make it concrete, or move @Migration to a concrete subclass.", "@Migration(");
    }

    @Test
    void innerNonStaticClass_reportsInnerClass() {
        JavaFileObject src = plain("com.acme.Outer",
                "public class Outer {",
                "    @Migration(id = \"inner\", from = \"1.0.0\", to = \"1.1.0\")",
                "    public class Inner implements MigrationStep {",
                "        @Override public void up(MigrationContext ctx) { }",
                "    }",
                "}");

        assertSingleError(compile(src), src, "com.acme.Outer.Inner is an inner (non-static) class, so it cannot be "
                + "created without an instance of com.acme.Outer. Declare it static", "id = \"inner\"");
    }

    @Test
    void genericClass_reportsTypeParameters() {
        JavaFileObject fixed = withBody("com.acme.Step", "step", "1.0.0", "1.1.0",
                "public class Step<T, U> implements MigrationStep {",
                "    @Override public void up(MigrationContext ctx) { }", "}");

        assertSingleError(compile(fixed), fixed, "com.acme.Step declares type parameters <T, U>, so the generated "
                + "chain could only create it as a raw type.", "@Migration(");
    }

    @Test
    void classNotImplementingMigrationStep_reportsMissingInterface() {
        JavaFileObject src = withBody("com.acme.Step", "step", "1.0.0", "1.1.0", "public class Step {", "}");

        assertSingleError(compile(src), src, "com.acme.Step does not implement dev.smartmigration.runtime."
                + "MigrationStep, so the runtime cannot run it. Add \"implements MigrationStep\"", "@Migration(");
    }

    @Test
    void implementsClauseNamingAMissingType_getsOnlyJavacsOwnError() {
        JavaFileObject src = withBody("com.acme.Step", "step", "1.0.0", "1.1.0",
                "public class Step implements MigrationStepp {",
                "    public void up(MigrationContext ctx) { }",
                "}");

        Compilation c = compile(src);

        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("cannot find symbol").inFile(src).onLineContaining("MigrationStepp");
    }

    @Test
    void superclassThatDoesNotExist_getsOnlyJavacsOwnError() {
        JavaFileObject src = withBody("com.acme.Step", "step", "1.0.0", "1.1.0",
                "public class Step extends BaseStepp {",
                "}");

        Compilation c = compile(src);

        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("cannot find symbol").inFile(src).onLineContaining("BaseStepp");
    }

    @Test
    void onlyConstructorWithParameters_reportsNoNoArgConstructor() {
        JavaFileObject src = withBody("com.acme.Step", "step", "1.0.0", "1.1.0",
                "public class Step implements MigrationStep {",
                "    public Step(String collection) { }",
                "    @Override public void up(MigrationContext ctx) { }", "}");

        assertSingleError(compile(src), src, "com.acme.Step has no no-arg constructor, so the generated chain "
                + "cannot create it with new Step().", "@Migration(");
    }

    @Test
    void privateNoArgConstructor_reportsPrivateConstructor() {
        JavaFileObject src = withBody("com.acme.Step", "step", "1.0.0", "1.1.0",
                "public class Step implements MigrationStep {",
                "    private Step() { }",
                "    @Override public void up(MigrationContext ctx) { }", "}");

        assertSingleError(compile(src), src, "the no-arg constructor of com.acme.Step is private, so the generated "
                + "chain com.acme.GeneratedMigrationChain cannot call it.", "@Migration(");
    }

    @Test
    void constructorThrowingCheckedException_reportsConstructorThrows() {
        JavaFileObject src = withBody("com.acme.Step", "step", "1.0.0", "1.1.0",
                "public class Step implements MigrationStep {",
                "    public Step() throws java.io.IOException, IllegalStateException { }",
                "    @Override public void up(MigrationContext ctx) { }", "}");

        assertSingleError(compile(src), src, "the no-arg constructor of com.acme.Step declares the checked exception "
                + "java.io.IOException, so the generated chain cannot call new Step() to create the step.", "@Migration(");
    }

    @Test
    void packagePrivateClassOutsideChainPackage_reportsNotPublic() {
        JavaFileObject users = migration("com.acme.users.AddIndex", "add-index", "1.0.0", "1.1.0");
        JavaFileObject orders = migration("com.acme.orders.Backfill", "backfill", "1.1.0", "1.2.0", "class");

        assertSingleError(compile(users, orders), orders, "com.acme.orders.Backfill is not public, but the generated "
                + "chain com.acme.GeneratedMigrationChain is in another package and must create it. Make Backfill "
                + "public", "@Migration(");
    }

    @Test
    void packagePrivateConstructorOutsideChainPackage_reportsNotPublicConstructor() {
        JavaFileObject users = migration("com.acme.users.AddIndex", "add-index", "1.0.0", "1.1.0");
        JavaFileObject orders = withBody("com.acme.orders.Backfill", "backfill", "1.1.0", "1.2.0",
                "public class Backfill implements MigrationStep {",
                "    Backfill() { }",
                "    @Override public void up(MigrationContext ctx) { }", "}");

        assertSingleError(compile(users, orders), orders, "the no-arg constructor of com.acme.orders.Backfill is not "
                + "public, but the generated chain com.acme.GeneratedMigrationChain is in another package", "@Migration(");
    }

    @Test
    void nestedInNonPublicClassOutsideChainPackage_reportsEnclosingClass() {
        JavaFileObject users = migration("com.acme.users.AddIndex", "add-index", "1.0.0", "1.1.0");
        JavaFileObject orders = plain("com.acme.orders.Steps",
                "class Steps {",
                "    @Migration(id = \"backfill\", from = \"1.1.0\", to = \"1.2.0\")",
                "    public static class Backfill implements MigrationStep {",
                "        @Override public void up(MigrationContext ctx) { }",
                "    }",
                "}");

        assertSingleError(compile(users, orders), orders, "com.acme.orders.Steps.Backfill is nested in class "
                + "com.acme.orders.Steps, which is not public", "id = \"backfill\"");
    }

    @Test
    void privateNestedClass_reportsPrivate() {
        JavaFileObject src = plain("com.acme.Steps",
                "public class Steps {",
                "    @Migration(id = \"hidden\", from = \"1.0.0\", to = \"1.1.0\")",
                "    private static class Hidden implements MigrationStep {",
                "        @Override public void up(MigrationContext ctx) { }",
                "    }",
                "}");

        assertSingleError(compile(src), src, "com.acme.Steps.Hidden is private, so the generated chain "
                + "com.acme.GeneratedMigrationChain cannot create it. Make Hidden package-private or public.",
                "id = \"hidden\"");
    }

    @Test
    void acceptedShapes_staticNestedRecordAndPackagePrivateInChainPackage_compileWithoutWarnings() {
        JavaFileObject nested = plain("com.acme.Steps",
                "public class Steps {",
                "    @Migration(id = \"nested\", from = \"1.0.0\", to = \"1.1.0\")",
                "    public static final class Nested implements MigrationStep {",
                "        @Override public void up(MigrationContext ctx) { }",
                "    }",
                "}");
        JavaFileObject record = withBody("com.acme.RecordStep", "record", "1.1.0", "1.2.0",
                "public record RecordStep() implements MigrationStep {",
                "    @Override public void up(MigrationContext ctx) { }", "}");
        JavaFileObject packagePrivate = migration("com.acme.Quiet", "quiet", "1.2.0", "1.3.0", "final class");

        Compilation c = compile(nested, record, packagePrivate);

        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("com.acme.GeneratedMigrationChain").contentsAsUtf8String()
                .contains("new Steps.Nested()");
    }

    @Test
    void runtimeMissingFromClasspath_reportsOneErrorNamingTheDependency() throws URISyntaxException {
        File annotationsOnly = new File(Migration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JavaFileObject first = JavaFileObjects.forSourceLines("com.acme.First",
                "package com.acme;",
                "@dev.smartmigration.annotations.Migration(id = \"first\", from = \"1.0.0\", to = \"1.1.0\")",
                "public class First {",
                "}");
        JavaFileObject second = JavaFileObjects.forSourceLines("com.acme.Second",
                "package com.acme;",
                "@dev.smartmigration.annotations.Migration(id = \"second\", from = \"1.1.0\", to = \"1.2.0\")",
                "public class Second {",
                "}");

        Compilation c = Sources.compiler().withClasspath(List.of(annotationsOnly)).compile(first, second);

        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining(TAG + "dev.smartmigration.runtime.MigrationStep is not on the compile "
                        + "classpath, so 2 @Migration classes (com.acme.First and others) cannot be checked or put "
                        + "in a migration chain. Add the dependency dev.smartmigration:smartmigration-runtime")
                .inFile(first).onLineContaining("id = \"first\"");
    }
}
