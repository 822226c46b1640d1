package dev.smartmigration.processor;

import dev.smartmigration.chainrules.ChainRules.Attribute;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Reads {@code @Migration} classes into {@link ScannedMigration} records, and finds the annotation and its
 * values again when a problem is reported on them.
 */
final class MigrationScanner {

    static final String MIGRATION = "dev.smartmigration.annotations.Migration";

    private final Elements elements;
    private final Fingerprints fingerprints;

    MigrationScanner(Elements elements, Fingerprints fingerprints) {
        this.elements = elements;
        this.fingerprints = fingerprints;
    }

    /**
     * @param type a class annotated with {@code @Migration}
     * @return its values and fingerprint (absent for a class read from a class file), or empty when the
     *         annotation is incomplete (javac reports that itself)
     */
    Optional<ScannedMigration> scan(TypeElement type) {
        Optional<AnnotationMirror> mirror = mirror(type);
        if (mirror.isEmpty()) {
            return Optional.empty();
        }
        Map<? extends ExecutableElement, ? extends AnnotationValue> values =
                elements.getElementValuesWithDefaults(mirror.get());
        String id = string(values, "id");
        String from = string(values, "from");
        String to = string(values, "to");
        String description = string(values, "description");
        Object resumable = value(values, "resumable");
        if (id == null || from == null || to == null || description == null || !(resumable instanceof Boolean)) {
            return Optional.empty();
        }
        return Optional.of(new ScannedMigration(type.getQualifiedName().toString(),
                type.getSimpleName().toString(), elements.getPackageOf(type).getQualifiedName().toString(),
                id, from, to, description, (Boolean) resumable, fingerprints.of(type, mirror.get()).orElse(null)));
    }

    /** @return the {@code @Migration} annotation on the type */
    Optional<AnnotationMirror> mirror(TypeElement type) {
        for (AnnotationMirror m : type.getAnnotationMirrors()) {
            if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(MIGRATION)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** @return the value written for the attribute, or {@code null} when it was not written out */
    static AnnotationValue explicitValue(AnnotationMirror mirror, Attribute attribute) {
        String name = switch (attribute) {
            case ID -> "id";
            case FROM -> "from";
            case TO -> "to";
        };
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
                : mirror.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String string(Map<? extends ExecutableElement, ? extends AnnotationValue> values, String name) {
        return value(values, name) instanceof String s ? s : null;
    }

    private static Object value(Map<? extends ExecutableElement, ? extends AnnotationValue> values, String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : values.entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(name)) {
                return e.getValue().getValue();
            }
        }
        return null;
    }
}
