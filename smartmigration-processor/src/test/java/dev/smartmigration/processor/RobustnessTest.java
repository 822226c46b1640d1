package dev.smartmigration.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.smartmigration.processor.Sources.compile;
import static dev.smartmigration.processor.Sources.migration;
import static dev.smartmigration.processor.Sources.plain;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Failures around the processor end as one clear compile error, never as a crash of javac. */
class RobustnessTest {

    @Test
    void unexpectedExceptionInsideTheProcessor_isReportedAsProcessorErrorWithItsCause() {
        Compilation c = Compiler.javac().withProcessors(failingFilerProcessor())
                .compile(migration("com.acme.Step", "step", "1.0.0", "1.1.0"));

        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[smartmigration:PROCESSOR_ERROR] the smartmigration annotation processor "
                + "failed unexpectedly: java.lang.IllegalStateException: disk on fire. This is a bug in smartmigration;"
                + " please report it with this stack trace:");
        assertThat(c).hadErrorContaining("at dev.smartmigration.processor.MigrationProcessor");
    }

    @Test
    void projectDeclaringItsOwnGeneratedMigrationChain_reportsProcessorErrorOnWrite() {
        JavaFileObject own = plain("com.acme.GeneratedMigrationChain", "public class GeneratedMigrationChain { }");

        Compilation c = compile(migration("com.acme.Step", "step", "1.0.0", "1.1.0"), own);

        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[smartmigration:PROCESSOR_ERROR] could not write "
                + "com.acme.GeneratedMigrationChain: javax.annotation.processing.FilerException");
    }

    @Test
    void annotationValueOfTheWrongType_leavesTheErrorToJavacAndGeneratesNothing() {
        JavaFileObject src = plain("com.acme.Step",
                "@Migration(id = \"step\", from = 1, to = \"1.1.0\")",
                "public class Step implements MigrationStep {",
                "    @Override public void up(MigrationContext ctx) { }",
                "}");

        Compilation c = compile(src);

        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("incompatible types").inFile(src).onLineContaining("from = 1");
    }

    /** The real processor, but every file it writes fails with an unexpected exception. */
    private static DecoratedProcessor failingFilerProcessor() {
        return new DecoratedProcessor(env -> {
            Filer failing = (Filer) Proxy.newProxyInstance(RobustnessTest.class.getClassLoader(),
                    new Class<?>[] {Filer.class}, (proxy, method, args) -> {
                        throw new IllegalStateException("disk on fire");
                    });
            return (ProcessingEnvironment) Proxy.newProxyInstance(RobustnessTest.class.getClassLoader(),
                    new Class<?>[] {ProcessingEnvironment.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getFiler")) {
                            return failing;
                        }
                        try {
                            return method.invoke(env, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        });
    }
}
