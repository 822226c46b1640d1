package dev.smartmigration.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.TypeElement;

/**
 * An annotation processor that claims {@code @Migration} and writes one tiny source file in the first round, and
 * nothing else: what javac costs for any processor that generates a source, the floor of the processor
 * benchmark's third line. A generated source makes javac run one more processing round, and each round enters
 * every class of the compilation again.
 */
public final class OneFileProcessor extends NoopProcessor {

    private boolean written;

    /** Created by javac. */
    public OneFileProcessor() {
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (!written && !round.processingOver()) {
            written = true;
            try (Writer out = processingEnv.getFiler().createSourceFile("benchfloor.Generated").openWriter()) {
                out.write("package benchfloor;\n\nfinal class Generated {\n}\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return true;
    }
}
