package dev.smartmigration.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Modifier;
import javax.tools.Diagnostic;

/**
 * The canonical text of one class's syntax tree as javac parsed it: version 1 of the fingerprint algorithm.
 * Comments, blank lines, indentation, line breaks and the spelling of a literal ({@code 10}, {@code 0xA},
 * {@code 1_0}; a string or a text block with the same value) leave no trace in it; every node of the code does.
 *
 * <p>Each node is written as {@code (KIND payload children)}: its {@link Tree.Kind} name, what it holds itself
 * (a name, a literal's value, modifiers, an operator through its kind), then its children in the order javac's
 * {@link TreeScanner} visits them, an absent child as {@code _} and a list as {@code [...]}. Names and strings
 * are written with their length first, so no two trees give the same text. Left out, because they are not code
 * the class's author wrote: the {@code @Migration} annotation of the class (its values are checked on their
 * own), the class's own name, and the constructors javac adds (the default one, a record's canonical one).
 *
 * <p>The text must not change with the JDK that compiles: a new javac must give an unchanged class the same text,
 * or an upgrade would report every applied migration as edited. Where javac's trees differ between versions for
 * the same source, this class writes one form: {@link #visitCase} writes a case's constant labels from
 * {@link CaseTree#getExpressions()} on every JDK (javac 21 and later wrap them in label nodes), and a
 * try-with-resources resource without the implicit {@code final} that javac 17 puts in the tree and later ones do
 * not. Literals are written from their value, floating-point ones from their bits ({@link Double#toString} changed
 * in JDK 19). {@code FingerprintStabilityTest} compiles one class with every form of Java 17 syntax on each JDK
 * it finds and compares.
 */
final class SyntaxText extends TreePathScanner<Void, Void> {

    private final Trees trees;
    private final Tree excluded;
    private final StringBuilder out = new StringBuilder();
    private final Set<String> identifiers = new TreeSet<>();

    private SyntaxText(Trees trees, Tree excluded) {
        this.trees = trees;
        this.excluded = excluded;
    }

    /**
     * @param trees     the compiler's trees
     * @param classPath the path to the class
     * @param excluded  a tree to leave out (the class's {@code @Migration} annotation), or {@code null}
     * @return the canonical text, and the simple names the class uses
     */
    static Result of(Trees trees, TreePath classPath, Tree excluded) {
        SyntaxText text = new SyntaxText(trees, excluded);
        // The class itself is written without its name (renaming or moving a class does not change its code).
        text.out.append('(').append(classPath.getLeaf().getKind().name());
        text.scan(classPath, null);
        text.out.append(')');
        return new Result(text.out.toString(), Collections.unmodifiableSet(text.identifiers));
    }

    /**
     * @param text        the canonical text of the class
     * @param identifiers every simple name the class's code uses (identifiers, not member selections)
     */
    record Result(String text, Set<String> identifiers) { }

    @Override
    public Void scan(Tree tree, Void unused) {
        if (tree == null) {
            out.append(" _");
            return null;
        }
        out.append(" (").append(tree.getKind().name());
        payload(tree);
        super.scan(tree, unused);
        out.append(')');
        return null;
    }

    @Override
    public Void scan(Iterable<? extends Tree> trees, Void unused) {
        out.append(" [");
        if (trees != null) {
            for (Tree tree : trees) {
                if (tree != excluded) {
                    scan(tree, unused);
                }
            }
        }
        out.append(']');
        return null;
    }

    /** Members that javac added to the tree are not the author's code. */
    @Override
    public Void visitClass(ClassTree node, Void unused) {
        scan(node.getModifiers(), unused);
        scan(node.getTypeParameters(), unused);
        scan(node.getExtendsClause(), unused);
        scan(node.getImplementsClause(), unused);
        scan(node.getPermitsClause(), unused);
        List<Tree> written = new ArrayList<>();
        for (Tree member : node.getMembers()) {
            if (!generated(member)) {
                written.add(member);
            }
        }
        scan(written, unused);
        return null;
    }

    /**
     * A case's labels in one form on every JDK: its kind, whether it is the {@code default} case, its constant
     * labels ({@link CaseTree#getExpressions()}), its pattern labels and guard (javac 21 and later), its body.
     * Pattern labels and the guard are taken from the children javac's own {@link TreeScanner} visits, since this
     * class is compiled for the oldest JDK the processor runs on, which has no API for them.
     */
    @Override
    public Void visitCase(CaseTree node, Void unused) {
        boolean rule = node.getCaseKind() == CaseTree.CaseKind.RULE;
        out.append(' ').append(node.getCaseKind().name());
        Set<Tree> known = Collections.newSetFromMap(new IdentityHashMap<>());
        known.addAll(node.getExpressions());
        if (rule) {
            known.add(node.getBody());
        } else if (node.getStatements() != null) {
            known.addAll(node.getStatements());
        }
        boolean defaultLabel = false;
        List<Tree> patterns = new ArrayList<>();
        List<Tree> guard = new ArrayList<>();
        for (Tree child : CaseChildren.of(node)) {
            String kind = child.getKind().name();
            if (known.contains(child) || kind.equals("CONSTANT_CASE_LABEL")) {
                continue;
            }
            if (kind.equals("DEFAULT_CASE_LABEL")) {
                defaultLabel = true;
            } else if (kind.equals("PATTERN_CASE_LABEL")) {
                patterns.add(child);
            } else {
                guard.add(child);
            }
        }
        boolean isDefault = defaultLabel || (node.getExpressions().isEmpty() && patterns.isEmpty());
        out.append(isDefault ? " default" : " labels");
        scan(node.getExpressions(), unused);
        scan(patterns, unused);
        scan(guard, unused);
        if (rule) {
            scan(node.getBody(), unused);
        } else {
            scan(node.getStatements(), unused);
        }
        return null;
    }

    /**
     * Whether javac wrote the member: its constructors (the default one, a record's canonical one) have no end
     * position in the source. (Asking for their element instead would make javac attribute a local class in the
     * middle of annotation processing, which breaks its later compilation.)
     */
    private boolean generated(Tree member) {
        return member instanceof MethodTree
                && trees.getSourcePositions().getEndPosition(getCurrentPath().getCompilationUnit(), member)
                == Diagnostic.NOPOS;
    }

    private void payload(Tree tree) {
        if (tree instanceof IdentifierTree t) {
            String name = t.getName().toString();
            identifiers.add(name);
            string(name);
        } else if (tree instanceof MemberSelectTree t) {
            string(t.getIdentifier());
        } else if (tree instanceof MemberReferenceTree t) {
            out.append(' ').append(t.getMode().name());
            string(t.getName());
        } else if (tree instanceof LiteralTree t) {
            literal(t.getValue());
        } else if (tree instanceof PrimitiveTypeTree t) {
            out.append(' ').append(t.getPrimitiveTypeKind().name());
        } else if (tree instanceof ModifiersTree t) {
            Set<String> flags = flags(t.getFlags());
            if (ofResource()) {
                // javac 17 gives a resource the implicit final, javac 21 and later do not: it is final either way.
                flags.remove(Modifier.FINAL.name());
            }
            for (String flag : flags) {
                out.append(' ').append(flag);
            }
        } else if (tree instanceof ClassTree t) {
            string(t.getSimpleName());
        } else if (tree instanceof MethodTree t) {
            string(t.getName());
        } else if (tree instanceof VariableTree t) {
            string(t.getName());
        } else if (tree instanceof TypeParameterTree t) {
            string(t.getName());
        } else if (tree instanceof LabeledStatementTree t) {
            string(t.getLabel());
        } else if (tree instanceof BreakTree t) {
            string(t.getLabel() == null ? "" : t.getLabel());
        } else if (tree instanceof ContinueTree t) {
            string(t.getLabel() == null ? "" : t.getLabel());
        } else if (tree instanceof BlockTree t) {
            out.append(t.isStatic() ? " static" : " instance");
        }
    }

    /** @return whether the modifiers being written are a try-with-resources resource's (the current path's leaf) */
    private boolean ofResource() {
        TreePath variable = getCurrentPath();
        return variable.getLeaf() instanceof VariableTree && variable.getParentPath() != null
                && variable.getParentPath().getLeaf() instanceof TryTree statement
                && statement.getResources().contains(variable.getLeaf());
    }

    private static Set<String> flags(Set<Modifier> modifiers) {
        Set<String> names = new TreeSet<>();
        modifiers.forEach(m -> names.add(m.name()));
        return names;
    }

    private void literal(Object value) {
        if (value instanceof String s) {
            string(s);
        } else if (value instanceof Double d) {
            out.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(d)));
        } else if (value instanceof Float f) {
            out.append(' ').append(Integer.toHexString(Float.floatToRawIntBits(f)));
        } else if (value instanceof Character c) {
            out.append(' ').append((int) c);
        } else if (value != null) {
            out.append(' ').append(value);
        }
    }

    /** A javac name converts itself to a string at each call: once here. */
    private void string(CharSequence name) {
        string(name.toString());
    }

    private void string(String text) {
        out.append(' ').append(text.length()).append(':').append(text);
    }

    /** The direct children of a case, in the order the running JDK's own scanner visits them. */
    private static final class CaseChildren extends TreeScanner<Void, Void> {
        private final List<Tree> children = new ArrayList<>();

        static List<Tree> of(CaseTree node) {
            CaseChildren scanner = new CaseChildren();
            scanner.visitCase(node, null);
            return scanner.children;
        }

        @Override
        public Void scan(Tree tree, Void unused) {
            if (tree != null) {
                children.add(tree);
            }
            return null;
        }
    }
}
