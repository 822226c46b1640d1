package dev.smartmigration.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The fingerprint of a migration class: what javac parsed of its code, so that the runtime can tell when a step
 * that already ran was edited since. {@code v1:} and the SHA-256 of the class's {@linkplain SyntaxText canonical
 * text}, preceded by the imports that text uses (single-type and static imports of a name the class uses, every
 * on-demand import), sorted.
 *
 * <p>Covers the class's own code, nested classes included: not its superclass, nor the helpers it calls, nor the
 * libraries it uses. Absent where the compiler gives no syntax tree: a class read from a class file (its
 * fingerprint is carried from the build that compiled it), a compiler other than javac, Kotlin's stubs.
 */
final class Fingerprints {

    /** The algorithm: a different one gets a new prefix, so that it is never read as an edit. */
    static final String VERSION = "v1";

    private static final String KOTLIN_METADATA = "kotlin.Metadata";

    /** How many decorators of the compiler's environment to look through (Gradle wraps it once). */
    private static final int MAX_WRAPPERS = 4;

    private final Trees trees;
    private final Elements elements;
    private final Hashing sha256 = new Hashing();

    private Fingerprints(Trees trees, Elements elements) {
        this.trees = trees;
        this.elements = elements;
    }

    /**
     * @param env the environment the processor was given
     * @return fingerprints from javac's syntax trees; each {@link #of} is empty when javac's trees cannot be reached
     */
    static Fingerprints of(ProcessingEnvironment env) {
        return new Fingerprints(trees(env), env.getElementUtils());
    }

    /**
     * @param type      a {@code @Migration} class
     * @param migration its {@code @Migration} annotation, left out of the fingerprint
     * @return {@code v1:<64 hex digits>}, or empty when the compiler has no syntax tree for the class
     */
    Optional<String> of(TypeElement type, AnnotationMirror migration) {
        if (trees == null || fromKotlin(type)) {
            return Optional.empty();
        }
        TreePath path = trees.getPath(type);
        if (path == null || !(path.getLeaf() instanceof ClassTree)) {
            return Optional.empty();
        }
        Tree annotation = trees.getTree(type, migration);
        SyntaxText.Result code = SyntaxText.of(trees, path, annotation);
        String text = "imports" + imports(path.getCompilationUnit(), code.identifiers()) + "\nclass " + code.text();
        return Optional.of(VERSION + ":" + sha256.hex(text));
    }

    /**
     * The imports that can change what the class's names mean: a single-type or single-static import only when
     * the class uses its simple name (an unused import cannot), every on-demand import. Sorted, so that the order
     * of the imports does not count.
     */
    private static String imports(CompilationUnitTree unit, Set<String> used) {
        Set<String> imports = new TreeSet<>();
        for (ImportTree tree : unit.getImports()) {
            String name = qualifiedName(tree.getQualifiedIdentifier(), new StringBuilder()).toString();
            String simple = name.substring(name.lastIndexOf('.') + 1);
            // A module import (JDK 25: "import module java.sql;") has no API in JDK 17: javac gives it its own class.
            boolean module = tree.getClass().getSimpleName().equals("JCModuleImport");
            if (module || simple.equals("*") || used.contains(simple)) {
                imports.add(" " + (module ? "module " : tree.isStatic() ? "static " : "") + name);
            }
        }
        return String.join("", imports);
    }

    /**
     * The name as javac prints it ({@code com.acme.Util}, {@code com.acme.*}), without its pretty-printer, which
     * costs more than the whole fingerprint of a small class.
     */
    private static StringBuilder qualifiedName(Tree name, StringBuilder out) {
        if (name instanceof MemberSelectTree select) {
            return qualifiedName(select.getExpression(), out).append('.').append(select.getIdentifier().toString());
        }
        return out.append(name instanceof IdentifierTree identifier ? identifier.getName().toString()
                : name.toString());
    }

    /** Kotlin's annotation processing (kapt) hands javac stubs: their bodies are not the Kotlin code. */
    private boolean fromKotlin(TypeElement type) {
        Element top = type;
        while (top.getEnclosingElement() instanceof TypeElement outer) {
            top = outer;
        }
        for (AnnotationMirror m : elements.getAllAnnotationMirrors(top)) {
            if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(KOTLIN_METADATA)) {
                return true;
            }
        }
        return false;
    }

    /**
     * javac's trees, also where a build tool decorates the environment (Gradle's incremental processing keeps
     * javac's in a field of its wrapper, and {@link Trees#instance} accepts only javac's own).
     */
    private static Trees trees(ProcessingEnvironment env) {
        ProcessingEnvironment current = env;
        for (int i = 0; i <= MAX_WRAPPERS && current != null; i++) {
            try {
                return Trees.instance(current);
            } catch (IllegalArgumentException notJavacs) {
                current = wrapped(current);
            }
        }
        return null;
    }

    /** @return the environment a decorator holds in one of its fields, or {@code null} */
    private static ProcessingEnvironment wrapped(ProcessingEnvironment wrapper) {
        for (Class<?> c = wrapper.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (ProcessingEnvironment.class.isAssignableFrom(field.getType())) {
                    try {
                        field.setAccessible(true);
                        Object inner = field.get(wrapper);
                        if (inner != wrapper && inner instanceof ProcessingEnvironment env) {
                            return env;
                        }
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }
}
