package dev.smartmigration.processor;

import java.util.Set;
import java.util.function.UnaryOperator;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/** The real processor, given javac's environment as something else decorated it (a build tool, a fault). */
final class DecoratedProcessor extends AbstractProcessor {
    private final UnaryOperator<ProcessingEnvironment> decoration;
    private final MigrationProcessor delegate = new MigrationProcessor();

    DecoratedProcessor(UnaryOperator<ProcessingEnvironment> decoration) {
        this.decoration = decoration;
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        delegate.init(decoration.apply(env));
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return delegate.process(annotations, round);
    }
}
