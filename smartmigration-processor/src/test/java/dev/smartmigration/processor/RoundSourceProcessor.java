package dev.smartmigration.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/** A stand-in for another processor: writes the given sources in the given rounds (1-based). */
final class RoundSourceProcessor extends AbstractProcessor {

    /** A source to write: its type name and text. */
    record Source(int round, String typeName, String text) { }

    private final Map<Integer, Source> sources;
    private int round;

    RoundSourceProcessor(Source... sources) {
        this.sources = new java.util.HashMap<>();
        for (Source s : sources) {
            this.sources.put(s.round(), s);
        }
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment env) {
        Source source = sources.get(++round);
        if (source != null) {
            try (Writer out = processingEnv.getFiler().createSourceFile(source.typeName()).openWriter()) {
                out.write(source.text());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }
}
