package dev.smartmigration.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;

/**
 * Checks the application's {@code @Migration} classes at compile time and generates
 * {@code GeneratedMigrationChain}, the ordered chain the runtime loads with {@link java.util.ServiceLoader}.
 *
 * <p>Every broken rule is a compiler error tagged {@code [smartmigration:CODE]}, placed on the annotation
 * value to fix (see {@code dev.smartmigration.annotations.Migration} for the rules). Nothing is generated
 * while any error remains. Put the processor on the annotation processor path, e.g. with Maven:
 *
 * <pre>{@code
 * <plugin>
 *   <artifactId>maven-compiler-plugin</artifactId>
 *   <configuration>
 *     <annotationProcessorPaths>
 *       <path>
 *         <groupId>dev.smartmigration</groupId>
 *         <artifactId>smartmigration-processor</artifactId>
 *         <version>${smartmigration.version}</version>
 *       </path>
 *     </annotationProcessorPaths>
 *   </configuration>
 * </plugin>
 * }</pre>
 *
 * <p>or with Gradle: {@code annotationProcessor("dev.smartmigration:smartmigration-processor:VERSION")}. The
 * chain goes to the longest common package of the migrations, or to the package given by the option
 * {@code -Asmartmigration.package=com.acme.migrations}.
 *
 * <p>The chain is complete whatever subset of the sources javac is given: beside the chain, the processor
 * keeps an index of its migrations in the class output ({@value ChainIndex#PATH}), and a compilation that
 * recompiles only some classes takes the others from their class files. See {@code docs/processor.md}.
 *
 * <p>The chain is written in the first round that has {@code @Migration} classes. The processor claims
 * {@code @Migration} and {@code javax.annotation.processing.Generated}, which marks the chain, so that
 * {@code -Xlint:processing} has nothing to report.
 */
@AutoService(Processor.class)
public final class MigrationProcessor extends AbstractProcessor {

    private static final String GENERATED = "javax.annotation.processing.Generated";

    /** The {@code @Migration} classes among this compilation's sources, by name. */
    private final Set<String> migrationNames = new TreeSet<>();
    /** Every type among this compilation's sources (in any round), by name. */
    private final Set<String> rootTypes = new HashSet<>();
    /** This round's {@code @Migration} classes, by name: looking a type up by name costs more than the check. */
    private final Map<String, TypeElement> roundMigrations = new HashMap<>();
    private boolean written;
    private boolean unusableMigration;
    private String chainName;
    private Elements elements;
    private Messager messager;
    private MigrationScanner scanner;
    private MigrationValidator validator;
    private BuildOutput output;

    /** Creates the processor; the compiler calls this. */
    public MigrationProcessor() {
    }

    /**
     * @param processingEnv the compiler's environment
     */
    @Override
    public synchronized void init(ProcessingEnvironment processingEnv) {
        super.init(processingEnv);
        elements = processingEnv.getElementUtils();
        messager = processingEnv.getMessager();
        scanner = new MigrationScanner(elements, Fingerprints.of(processingEnv));
        validator = new MigrationValidator(elements, processingEnv.getTypeUtils());
        output = new BuildOutput(processingEnv.getFiler());
    }

    /** @return {@code dev.smartmigration.annotations.Migration} and {@code javax.annotation.processing.Generated} */
    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(MigrationScanner.MIGRATION, GENERATED);
    }

    /** @return {@code smartmigration.package} */
    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(MigrationValidator.PACKAGE_OPTION);
    }

    /** @return the latest version the running compiler supports */
    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    /**
     * Collects this round's migrations; checks and generates the chain in the first round that has any.
     *
     * @param annotations the annotation types of this round
     * @param round       this round
     * @return {@code true}: {@code @Migration} exists for this processor only
     */
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            processRound(round);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            written = true;
            messager.printMessage(Diagnostic.Kind.ERROR,
                    Problem.global(Code.PROCESSOR_ERROR, Messages.internalError(e)).formatted());
        }
        return true;
    }

    private void processRound(RoundEnvironment round) {
        roundMigrations.clear();
        for (TypeElement root : ElementFilter.typesIn(round.getRootElements())) {
            rootTypes.add(root.getQualifiedName().toString());
        }
        TypeElement annotation = elements.getTypeElement(MigrationScanner.MIGRATION);
        if (annotation != null) {
            for (TypeElement type : ElementFilter.typesIn(round.getElementsAnnotatedWith(annotation))) {
                collect(type);
            }
        }
        if (!written && !migrationNames.isEmpty() && !round.processingOver()) {
            written = true;
            checkAndGenerate();
        }
    }

    private void collect(TypeElement type) {
        String name = type.getQualifiedName().toString();
        if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
            unusableMigration = true;
            print(type, Problem.onClass(Code.INVALID_MIGRATION_CLASS, name, Messages.localClass(name)));
        } else if (written && !migrationNames.contains(name)) {
            print(type, Problem.onClass(Code.PROCESSOR_ERROR, name, Messages.lateMigration(name,
                    chainName == null ? MigrationValidator.CHAIN_CLASS : chainName)));
        } else {
            migrationNames.add(name);
            roundMigrations.put(name, type);
        }
    }

    private void checkAndGenerate() {
        Optional<ChainIndex> previous;
        try {
            previous = output.previousIndex();
        } catch (BuildOutput.UnreadableException e) {
            print(null, Problem.global(Code.STALE_BUILD_OUTPUT, Messages.unreadableIndex(e.getMessage())));
            return;
        }
        List<ScannedMigration> scanned = new ArrayList<>();
        List<TypeElement> types = new ArrayList<>();
        boolean incomplete = unusableMigration;
        for (String name : migrationNames) {
            TypeElement type = roundMigrations.get(name);
            incomplete |= !add(type != null ? type : elements.getTypeElement(name), null, scanned, types);
        }
        if (previous.isPresent()) {
            incomplete |= !addCompiledEarlier(previous.get(), fingerprintsOf(previous.get()), scanned, types);
        }
        ValidationReport report = validator.validate(scanned, types,
                processingEnv.getOptions().get(MigrationValidator.PACKAGE_OPTION));
        report.problems().forEach(p -> print(p.typeName() == null ? null : elements.getTypeElement(p.typeName()), p));
        chainName = MigrationValidator.chainName(report.packageName());
        if (!report.isClean() || incomplete) {
            return;
        }
        write(report, types, previous);
    }

    /**
     * @param carried the fingerprint an earlier build computed, for a class read from its class file (which has
     *                no syntax tree to compute it from); {@code null} for this compilation's own classes
     */
    private boolean add(TypeElement type, String carried, List<ScannedMigration> scanned, List<TypeElement> types) {
        if (type == null) {
            throw new IllegalStateException("a @Migration class of this compilation can no longer be found by name");
        }
        Optional<ScannedMigration> migration = scanner.scan(type)
                .map(m -> m.fingerprint() == null && carried != null ? m.withFingerprint(carried) : m);
        migration.ifPresent(m -> {
            scanned.add(m);
            types.add(type);
        });
        return migration.isPresent();
    }

    /**
     * Adds the migrations of the previous chain that are not among this compilation's sources: those whose class
     * file is still there with its {@code @Migration}. A class that is gone, or lost its annotation, was deleted
     * or changed and is left out. A class file whose source is missing from the source path (when the source path
     * can be searched) may be a deleted source's leftover: reported, since the chain cannot be known. A class
     * read from its class file keeps the fingerprint the index carries from the build that compiled it.
     *
     * @return whether every earlier migration could be settled
     */
    private boolean addCompiledEarlier(ChainIndex previous, Map<String, String> fingerprints,
                                       List<ScannedMigration> scanned, List<TypeElement> types) {
        boolean settled = true;
        Boolean sourcePathUsable = null;
        for (String name : previous.migrations()) {
            if (migrationNames.contains(name)) {
                continue;
            }
            TypeElement type = elements.getTypeElement(name);
            if (type == null || scanner.mirror(type).isEmpty()) {
                continue;
            }
            if (sourcePathUsable == null) {
                sourcePathUsable = sourcePathHoldsTheSources();
            }
            if (sourcePathUsable && !output.onSourcePath(packageOf(type), sourceFileOf(type)).orElse(true)) {
                settled = false;
                print(type, Problem.onClass(Code.STALE_BUILD_OUTPUT, name,
                        Messages.classWithoutSource(name, sourcePathOf(type))));
                continue;
            }
            settled &= add(type, fingerprints.get(name), scanned, types);
        }
        return settled;
    }

    /** @return the fingerprints the earlier build wrote beside its chain, by class; empty when there are none */
    private Map<String, String> fingerprintsOf(ChainIndex previous) {
        String chain = previous.chainName();
        int dot = chain.lastIndexOf('.');
        return output.resource(dot < 0 ? "" : chain.substring(0, dot), FingerprintFile.NAME)
                .map(FingerprintFile::byType).orElse(Map.of());
    }

    /** @return whether the source path holds the sources of this compilation's own migrations */
    private boolean sourcePathHoldsTheSources() {
        for (String name : migrationNames) {
            TypeElement type = elements.getTypeElement(name);
            if (type != null && output.onSourcePath(packageOf(type), sourceFileOf(type)).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes the chain, its service entry, the index and the fingerprints, or only what changed: an unchanged chain
     * is not written again (so it is not compiled again), and its fingerprints are rewritten when a migration's code
     * changed. A chain from an earlier build that javac was given as a source must say what the migrations say.
     */
    private void write(ValidationReport report, List<TypeElement> types, Optional<ChainIndex> previous) {
        String contentKey = ChainWriter.contentKey(report.packageName(), report.chain());
        FingerprintFile fingerprints = FingerprintFile.of(contentKey, report.chain());
        Element[] originating = types.toArray(new Element[0]);
        TypeElement existing = elements.getTypeElement(chainName);
        String existingKey = existing == null ? null : contentKeyOf(existing);
        boolean current = contentKey.equals(existingKey);
        if (existingKey != null && rootTypes.contains(chainName)) {
            if (current) {
                writeFingerprints(report.packageName(), fingerprints, originating);
            } else {
                print(null, Problem.global(Code.STALE_BUILD_OUTPUT, Messages.staleChainSource(chainName)));
            }
            return;
        }
        if (current && previous.isPresent() && previous.get().chainName().equals(chainName)
                && previous.get().contentKey().equals(contentKey)) {
            writeFingerprints(report.packageName(), fingerprints, originating);
            return;
        }
        JavaFile source = ChainWriter.chainSource(report.packageName(), report.chain(), contentKey, types,
                elements.getTypeElement(GENERATED) != null);
        try {
            source.writeTo(processingEnv.getFiler());
        } catch (IOException e) {
            print(null, Problem.global(Code.PROCESSOR_ERROR, Messages.writeFailed(chainName, e)));
            return;
        }
        List<String> migrations = report.chain().stream().map(ScannedMigration::typeName).toList();
        for (String[] file : new String[][] {
                {ChainWriter.SERVICE_FILE, ChainWriter.serviceFile(chainName)},
                {ChainIndex.PATH, new ChainIndex(chainName, contentKey, migrations).text()}}) {
            try {
                output.writeResource(file[0], file[1], originating);
            } catch (IOException e) {
                print(null, Problem.global(Code.PROCESSOR_ERROR, Messages.writeFailed(file[0], e)));
                return;
            }
        }
        writeFingerprints(report.packageName(), fingerprints, originating);
    }

    /** Writes the fingerprints beside the chain unless the file there already says the same. */
    private void writeFingerprints(String packageName, FingerprintFile fingerprints, Element[] originating) {
        String text = fingerprints.text();
        if (output.resource(packageName, FingerprintFile.NAME).filter(text::equals).isPresent()) {
            return;
        }
        try {
            output.writeResource(packageName, FingerprintFile.NAME, text, originating);
        } catch (IOException e) {
            print(null, Problem.global(Code.PROCESSOR_ERROR, Messages.writeFailed(FingerprintFile.NAME, e)));
        }
    }

    /** @return the content key the chain class was generated with, or {@code null} */
    private static String contentKeyOf(TypeElement chain) {
        for (VariableElement field : ElementFilter.fieldsIn(chain.getEnclosedElements())) {
            if (field.getSimpleName().contentEquals(ChainWriter.CONTENT_FIELD)
                    && field.getConstantValue() instanceof String key) {
                return key;
            }
        }
        return null;
    }

    private String packageOf(TypeElement type) {
        return elements.getPackageOf(type).getQualifiedName().toString();
    }

    /** @return the file a class is expected in: the one named after its top-level class */
    private static String sourceFileOf(TypeElement type) {
        Element top = type;
        while (top.getEnclosingElement() instanceof TypeElement outer) {
            top = outer;
        }
        return top.getSimpleName() + ".java";
    }

    private String sourcePathOf(TypeElement type) {
        String pkg = packageOf(type);
        return (pkg.isEmpty() ? "" : pkg.replace('.', '/') + "/") + sourceFileOf(type);
    }

    private void print(TypeElement type, Problem problem) {
        String text = problem.formatted();
        if (type == null) {
            messager.printMessage(Diagnostic.Kind.ERROR, text);
            return;
        }
        Optional<AnnotationMirror> mirror = scanner.mirror(type);
        if (mirror.isEmpty()) {
            messager.printMessage(Diagnostic.Kind.ERROR, text, type);
            return;
        }
        AnnotationValue value = problem.attribute() == null
                ? null : MigrationScanner.explicitValue(mirror.get(), problem.attribute());
        messager.printMessage(Diagnostic.Kind.ERROR, text, type, mirror.get(), value);
    }
}
