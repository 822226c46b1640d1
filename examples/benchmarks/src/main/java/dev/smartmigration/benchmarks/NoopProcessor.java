package dev.smartmigration.benchmarks;

import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * An annotation processor that claims {@code @Migration} and does nothing: what javac costs for running any
 * processor at all (its rounds), the floor of the processor benchmark's second line. {@link OneFileProcessor}
 * adds one generated file.
 */
public class NoopProcessor extends AbstractProcessor {

    /** Created by javac. */
    public NoopProcessor() {
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("dev.smartmigration.annotations.Migration");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return true;
    }
}
