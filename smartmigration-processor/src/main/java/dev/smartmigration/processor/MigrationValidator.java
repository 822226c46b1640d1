package dev.smartmigration.processor;

import dev.smartmigration.chainrules.ChainRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks the shape of every {@code @Migration} class and the chain they form, and chooses the package of the
 * generated chain. Returns a report; never prints.
 */
final class MigrationValidator {

    static final String PACKAGE_OPTION = "smartmigration.package";
    static final String CHAIN_CLASS = "GeneratedMigrationChain";

    private static final java.util.Set<String> LOMBOK_CONSTRUCTORS = java.util.Set.of("lombok.NoArgsConstructor",
            "lombok.RequiredArgsConstructor", "lombok.AllArgsConstructor", "lombok.Data", "lombok.Value");

    private final Elements elements;
    private final Types types;

    MigrationValidator(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    /**
     * @param migrations    the scanned migrations, in a stable order
     * @param types         their classes, in the same order
     * @param packageOption the value of {@value #PACKAGE_OPTION}, or {@code null}
     * @return every problem, and the chain order when there are none
     */
    ValidationReport validate(List<ScannedMigration> migrations, List<TypeElement> types, String packageOption) {
        List<Problem> problems = new ArrayList<>();
        String packageName = choosePackage(migrations, packageOption, problems);

        TypeElement step = elements.getTypeElement(Messages.STEP_INTERFACE);
        if (step == null && !migrations.isEmpty()) {
            problems.add(Problem.onClass(Code.INVALID_MIGRATION_CLASS, migrations.get(0).typeName(),
                    Messages.migrationStepMissing(migrations.get(0).typeName(), migrations.size())));
        }
        for (int i = 0; i < migrations.size(); i++) {
            ScannedMigration m = migrations.get(i);
            shapeProblem(types.get(i), step, packageName)
                    .ifPresent(text -> problems.add(
                            Problem.onClass(Code.INVALID_MIGRATION_CLASS, m.typeName(), text)));
        }

        List<ChainRules.Candidate> candidates = migrations.stream()
                .map(m -> new ChainRules.Candidate(m.id(), m.from(), m.to(), m.typeName(), m.simpleName()))
                .collect(Collectors.toList());
        ChainRules.Report chain = ChainRules.check(candidates);
        for (ChainRules.Violation v : chain.violations()) {
            problems.add(new Problem(Code.of(v.rule()), migrations.get(v.index()).typeName(), v.attribute(), v.message()));
        }
        List<ScannedMigration> ordered = chain.order().stream().map(migrations::get).collect(Collectors.toList());
        return new ValidationReport(packageName, ordered, problems);
    }

    private static String choosePackage(List<ScannedMigration> migrations, String option, List<Problem> problems) {
        if (option != null) {
            if (!SourceVersion.isName(option)) {
                problems.add(Problem.global(Code.INVALID_OPTIONS,
                        Messages.invalidPackageOption(PACKAGE_OPTION, option)));
                return null;
            }
            return option;
        }
        List<String> common = null;
        TreeSet<String> packages = new TreeSet<>();
        for (ScannedMigration m : migrations) {
            packages.add(m.packageName());
            List<String> segments = m.packageName().isEmpty()
                    ? List.of() : Arrays.asList(m.packageName().split("\\."));
            if (common == null) {
                common = segments;
            } else {
                int n = 0;
                while (n < common.size() && n < segments.size() && common.get(n).equals(segments.get(n))) {
                    n++;
                }
                common = common.subList(0, n);
            }
        }
        String result = common == null ? "" : String.join(".", common);
        if (result.isEmpty() && !(packages.size() == 1 && packages.first().isEmpty())) {
            problems.add(Problem.global(Code.INVALID_OPTIONS,
                    Messages.noCommonPackage(PACKAGE_OPTION, List.copyOf(packages))));
            return null;
        }
        return result;
    }

    private Optional<String> shapeProblem(TypeElement type, TypeElement step, String packageName) {
        String name = type.getQualifiedName().toString();
        ElementKind kind = type.getKind();
        if (kind != ElementKind.CLASS && kind != ElementKind.RECORD) {
            return Optional.of(Messages.notAClass(name, kindWord(kind)));
        }
        if (type.getModifiers().contains(Modifier.ABSTRACT)) {
            return Optional.of(Messages.abstractClass(name));
        }
        NestingKind nesting = type.getNestingKind();
        if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
            return Optional.of(Messages.localClass(name));
        }
        if (nesting == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)) {
            return Optional.of(Messages.innerClass(name,
                    ((TypeElement) type.getEnclosingElement()).getQualifiedName().toString()));
        }
        if (!type.getTypeParameters().isEmpty()) {
            return Optional.of(Messages.genericClass(name, type.getTypeParameters().stream()
                    .map(p -> p.getSimpleName().toString()).collect(Collectors.joining(", "))));
        }
        if (step != null && !hasErroneousSupertype(type)
                && !types.isAssignable(types.erasure(type.asType()), types.erasure(step.asType()))) {
            return Optional.of(Messages.notMigrationStep(name));
        }
        Optional<String> access = accessProblem(type, packageName);
        if (access.isPresent()) {
            return access;
        }
        return constructorProblem(type, packageName);
    }

    private Optional<String> accessProblem(TypeElement type, String packageName) {
        if (packageName == null) {
            return Optional.empty();
        }
        String name = type.getQualifiedName().toString();
        String chain = chainName(packageName);
        boolean samePackage = elements.getPackageOf(type).getQualifiedName().contentEquals(packageName);
        for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            String enclosing = t.getQualifiedName().toString();
            if (t.getModifiers().contains(Modifier.PRIVATE)) {
                return Optional.of(Messages.privateClass(name, enclosing, chain));
            }
            if (!samePackage && !t.getModifiers().contains(Modifier.PUBLIC)) {
                return Optional.of(Messages.notPublicClass(name, enclosing, chain));
            }
        }
        return Optional.empty();
    }

    private Optional<String> constructorProblem(TypeElement type, String packageName) {
        String name = type.getQualifiedName().toString();
        Optional<ExecutableElement> noArg = ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
                .filter(c -> c.getParameters().isEmpty())
                .findFirst();
        if (noArg.isEmpty()) {
            return constructorWrittenByLombok(type) ? Optional.empty() : Optional.of(Messages.noNoArgConstructor(name));
        }
        ExecutableElement constructor = noArg.get();
        if (constructor.getModifiers().contains(Modifier.PRIVATE)) {
            return Optional.of(Messages.privateConstructor(name, chainName(packageName)));
        }
        if (packageName != null && !constructor.getModifiers().contains(Modifier.PUBLIC)
                && !elements.getPackageOf(type).getQualifiedName().contentEquals(packageName)) {
            return Optional.of(Messages.notPublicConstructor(name, chainName(packageName)));
        }
        List<String> checked = constructor.getThrownTypes().stream()
                .filter(this::isChecked)
                .map(TypeMirror::toString)
                .collect(Collectors.toList());
        if (!checked.isEmpty()) {
            return Optional.of(Messages.constructorThrows(name, checked));
        }
        return Optional.empty();
    }

    /**
     * Lombok adds constructors to the syntax tree while annotation processing runs, and other processors see them
     * only in a later round, after the chain is written. For a class with one of Lombok's constructor annotations
     * the no-arg constructor is left for javac to check where the generated chain calls it.
     */
    private static boolean constructorWrittenByLombok(TypeElement type) {
        for (var mirror : type.getAnnotationMirrors()) {
            String annotation = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
            if (LOMBOK_CONSTRUCTORS.contains(annotation)) {
                return true;
            }
        }
        return false;
    }

    private boolean isChecked(TypeMirror thrown) {
        TypeElement runtime = elements.getTypeElement(RuntimeException.class.getCanonicalName());
        TypeElement error = elements.getTypeElement(Error.class.getCanonicalName());
        return thrown.getKind() != TypeKind.ERROR
                && !types.isSubtype(thrown, runtime.asType())
                && !types.isSubtype(thrown, error.asType());
    }

    /**
     * Whether a supertype, direct or inherited, does not resolve: javac reports it itself, and the compiler's
     * view of the supertypes leaves it out, so the class would wrongly look as if it did not implement
     * {@code MigrationStep}. Read from the declaration ({@code getInterfaces()} keeps unresolved names).
     */
    private boolean hasErroneousSupertype(TypeElement type) {
        List<TypeMirror> supertypes = new ArrayList<>(type.getInterfaces());
        supertypes.add(type.getSuperclass());
        for (TypeMirror s : supertypes) {
            if (s.getKind() == TypeKind.ERROR) {
                return true;
            }
            if (s.getKind() == TypeKind.DECLARED && hasErroneousSupertype((TypeElement) types.asElement(s))) {
                return true;
            }
        }
        return false;
    }

    static String chainName(String packageName) {
        if (packageName == null) {
            return CHAIN_CLASS;
        }
        return packageName.isEmpty() ? CHAIN_CLASS : packageName + "." + CHAIN_CLASS;
    }

    private static String kindWord(ElementKind kind) {
        return switch (kind) {
            case INTERFACE -> "an interface";
            case ENUM -> "an enum";
            case ANNOTATION_TYPE -> "an annotation type";
            default -> "a " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }
}
