package dev.smartmigration.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code GeneratedMigrationChain}: the steps in chain order, each created through one {@code switch} on its
 * position (no lambdas, whose bootstrap costs about a quarter of a millisecond per step at first use, and no
 * reflection). The source compiles with any {@code --release} from 8 up.
 */
final class ChainWriter {

    static final String SERVICE_FILE = "META-INF/services/dev.smartmigration.runtime.MigrationChain";

    /** The name of the constant that identifies the chain's content, read back in incremental builds. */
    static final String CONTENT_FIELD = "CONTENT";

    /** Steps per generated method: far below the JVM's 64 KiB method limit (about 40 bytes per step). */
    static final int STEPS_PER_METHOD = 200;

    /** Cases per {@code switch} method (about 12 bytes each). */
    static final int CASES_PER_METHOD = 1_000;

    /** Changes whenever the generated code changes shape, so an incremental build writes it again. */
    private static final String FORMAT = "chain-format-4";

    private static final String PROCESSOR = "dev.smartmigration.processor.MigrationProcessor";
    private static final ClassName CHAIN = ClassName.get("dev.smartmigration.runtime", "MigrationChain");
    private static final ClassName DEFINITION = ClassName.get("dev.smartmigration.runtime", "MigrationDefinition");
    private static final ClassName STEP = ClassName.get("dev.smartmigration.runtime", "MigrationStep");
    private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    private static final TypeName LIST = ParameterizedTypeName.get(ClassName.get(List.class), DEFINITION);
    private static final TypeName ARRAY = ArrayTypeName.of(DEFINITION);
    private static final TypeName FINGERPRINTS = ArrayTypeName.of(String.class);

    private ChainWriter() {
    }

    /**
     * Identifies what the generated chain says, so that an incremental build can tell whether the chain it
     * finds from an earlier compilation is still right.
     *
     * @param packageName where the chain goes
     * @param chain       the migrations in chain order
     * @return {@code sha256:<hex>}
     */
    static String contentKey(String packageName, List<ScannedMigration> chain) {
        StringBuilder text = new StringBuilder(FORMAT).append('\n').append(packageName).append('\n');
        for (ScannedMigration m : chain) {
            text.append(m.typeName()).append('\0').append(m.id()).append('\0').append(m.from()).append('\0')
                    .append(m.to()).append('\0').append(m.description()).append('\0').append(m.resumable())
                    .append('\n');
        }
        return "sha256:" + Hashing.sha256Hex(text.toString());
    }

    /**
     * @param packageName   where the chain goes; empty for the unnamed package
     * @param chain         the migrations in chain order
     * @param contentKey    {@link #contentKey(String, List)} of the chain
     * @param originating   every migration type, so incremental builds know what the output depends on
     * @param markGenerated whether {@code javax.annotation.processing.Generated} is available
     */
    static JavaFile chainSource(String packageName, List<ScannedMigration> chain, String contentKey,
                                List<? extends Element> originating, boolean markGenerated) {
        ClassName chainType = ClassName.get(packageName, MigrationValidator.CHAIN_CLASS);
        ClassName factory = chainType.nestedClass("StepFactory");
        TypeSpec.Builder type = TypeSpec.classBuilder(chainType)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(CHAIN)
                .addJavadoc("The application's migration chain: every {@code @Migration} class, in chain order.\n"
                        + "<p>Found by the runtime with {@link java.util.ServiceLoader}. Generated: do not edit.\n");
        if (markGenerated) {
            type.addAnnotation(AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build());
        }
        originating.forEach(type::addOriginatingElement);

        type.addField(FieldSpec.builder(String.class, CONTENT_FIELD, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Identifies this chain's content, so that an incremental build can tell whether it is "
                        + "current.\n")
                .initializer("$S", contentKey)
                .build());
        type.addField(FieldSpec.builder(LIST, "STEPS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("createSteps()")
                .build());
        type.addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Creates the chain; {@link java.util.ServiceLoader} calls this.\n")
                .build());
        type.addMethod(MethodSpec.methodBuilder("steps")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(LIST)
                .addStatement("return STEPS")
                .build());

        MethodSpec.Builder create = MethodSpec.methodBuilder("createSteps")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(LIST)
                .addStatement("$T fingerprints = fingerprints($L)", FINGERPRINTS, chain.size())
                .addStatement("$T steps = new $T[$L]", ARRAY, DEFINITION, chain.size());
        for (int start = 0, part = 0; start < chain.size(); start += STEPS_PER_METHOD, part++) {
            String name = "addSteps" + part;
            create.addStatement("$L(steps, fingerprints)", name);
            MethodSpec.Builder chunk = MethodSpec.methodBuilder(name)
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addParameter(ARRAY, "steps")
                    .addParameter(FINGERPRINTS, "fingerprints");
            type.addMethod(chunk.addCode("$L", stepStatements(chain, start)).build());
        }
        type.addMethod(create.addStatement("return $T.unmodifiableList($T.asList(steps))",
                java.util.Collections.class, java.util.Arrays.class).build());
        type.addMethod(MethodSpec.methodBuilder("step")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(DEFINITION)
                .addParameter(int.class, "index")
                .addParameter(String.class, "id")
                .addParameter(String.class, "from")
                .addParameter(String.class, "to")
                .addParameter(String.class, "description")
                .addParameter(boolean.class, "resumable")
                .addParameter(FINGERPRINTS, "fingerprints")
                .addStatement("return new $T(id, from, to, description, resumable, new $T(index), "
                        + "$S.equals(fingerprints[index]) ? null : fingerprints[index])", DEFINITION, factory,
                        FingerprintFile.UNKNOWN)
                .build());
        type.addMethod(fingerprintReader(chainType));
        type.addType(factory(factory, chain));

        return JavaFile.builder(packageName, type.build())
                .addFileComment("Generated by the smartmigration annotation processor from $L @Migration classes.\n"
                        + "Do not edit: change the @Migration classes and recompile.", chain.size())
                .indent("    ")
                .skipJavaLangImports(true)
                .build();
    }

    /**
     * Reads the fingerprints the processor writes beside the chain ({@link FingerprintFile}), one line per step in
     * chain order, into an array by step position: the file's content key, the chain's own, vouches that its lines
     * are this chain's steps in this order (the processor writes both from one list). A file that names another
     * content key (left from another build), or none, or one that does not parse, leaves every fingerprint unknown.
     * It reads the bytes at once and splits them with {@code indexOf}: in a fresh JVM a {@code BufferedReader} over
     * 1,000 lines into a map by id took about half of the chain's initialisation.
     */
    private static MethodSpec fingerprintReader(ClassName chainType) {
        return MethodSpec.methodBuilder("fingerprints")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(FINGERPRINTS)
                .addParameter(int.class, "size")
                .addJavadoc("Reads each step's fingerprint from {@code $L}, which the processor\nwrites beside "
                        + "this class (docs/fingerprints.md), one line per step in chain order. Without it,\nor "
                        + "with one of another content, they are not known.\n", FingerprintFile.NAME)
                .addStatement("$T fingerprints = new $T[size]", FINGERPRINTS, String.class)
                .addStatement("$T text", String.class)
                .beginControlFlow("try ($T in = $T.class.getResourceAsStream($S))", InputStream.class, chainType,
                        FingerprintFile.NAME)
                .beginControlFlow("if (in == null)")
                .addStatement("return fingerprints")
                .endControlFlow()
                .addStatement("text = new $T(in.readAllBytes(), $T.UTF_8)", String.class, StandardCharsets.class)
                .nextControlFlow("catch ($T e)", IOException.class)
                .addStatement("return fingerprints")
                .endControlFlow()
                .addStatement("int at = 0")
                .beginControlFlow("while (text.startsWith($S, at))", "#")
                .addStatement("at = text.indexOf('\\n', at) + 1")
                .beginControlFlow("if (at == 0)")
                .addStatement("return fingerprints")
                .endControlFlow()
                .endControlFlow()
                .addStatement("$T content = $S + CONTENT + $S", String.class, "content ", "\n")
                .beginControlFlow("if (!text.startsWith(content, at))")
                .addStatement("return fingerprints")
                .endControlFlow()
                .addStatement("at += content.length()")
                .beginControlFlow("for (int i = 0; i < size && at < text.length(); i++)")
                .addStatement("int end = text.indexOf('\\n', at)")
                .addStatement("int first = text.indexOf(' ', at)")
                .addStatement("int second = first < 0 ? -1 : text.indexOf(' ', first + 1)")
                .beginControlFlow("if (end < 0 || second < 0 || second > end)")
                .addStatement("return new $T[size]", String.class)
                .endControlFlow()
                .addStatement("fingerprints[i] = text.substring(first + 1, second)")
                .addStatement("at = end + 1")
                .endControlFlow()
                .addStatement("return fingerprints")
                .build();
    }

    /**
     * The statements {@code steps[i] = step(i, "id", "from", "to", "description", resumable, fingerprints);} of one
     * {@code addSteps} method, written out here rather than through JavaPoet's format strings: for a long chain
     * parsing and emitting a thousand formats took more time than all the processor's checks.
     */
    private static String stepStatements(List<ScannedMigration> chain, int start) {
        StringBuilder code = new StringBuilder();
        for (int i = start; i < Math.min(chain.size(), start + STEPS_PER_METHOD); i++) {
            ScannedMigration m = chain.get(i);
            code.append("steps[").append(i).append("] = step(").append(i);
            for (String value : new String[] {m.id(), m.from(), m.to(), m.description()}) {
                stringLiteral(code.append(", "), value);
            }
            code.append(", ").append(m.resumable()).append(", fingerprints);\n");
        }
        return code.toString();
    }

    /**
     * Appends the text as a Java string literal, escaped as JavaPoet's {@code $S} escapes it, and the line and
     * paragraph separators too: JavaPoet writes them as line breaks, which ends the literal in the middle.
     */
    private static void stringLiteral(StringBuilder code, String text) {
        code.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\b' -> code.append("\\b");
                case '\t' -> code.append("\\t");
                case '\n' -> code.append("\\n");
                case '\f' -> code.append("\\f");
                case '\r' -> code.append("\\r");
                case '"' -> code.append("\\\"");
                case '\\' -> code.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        code.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        code.append(c);
                    }
                }
            }
        }
        code.append('"');
    }

    /** The factory of every step: its position in the chain selects the constructor to call. */
    private static TypeSpec factory(ClassName factory, List<ScannedMigration> chain) {
        TypeSpec.Builder type = TypeSpec.classBuilder(factory)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addSuperinterface(ParameterizedTypeName.get(ClassName.get(Supplier.class), STEP))
                .addJavadoc("Creates the step at one position of the chain.\n")
                .addField(int.class, "index", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addParameter(int.class, "index")
                        .addStatement("this.index = index")
                        .build());
        MethodSpec.Builder get = MethodSpec.methodBuilder("get")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(STEP);
        int parts = (chain.size() + CASES_PER_METHOD - 1) / CASES_PER_METHOD;
        if (parts <= 1) {
            get.addCode(switchOver(chain, 0));
        } else {
            get.beginControlFlow("switch (index / $L)", CASES_PER_METHOD);
            for (int part = 0; part < parts; part++) {
                get.addStatement("case $L: return create$L()", part, part);
                MethodSpec.Builder create = MethodSpec.methodBuilder("create" + part)
                        .addModifiers(Modifier.PRIVATE)
                        .returns(STEP)
                        .addCode(switchOver(chain, part * CASES_PER_METHOD));
                type.addMethod(create.build());
            }
            get.addStatement("default: throw new $T(String.valueOf(index))", IndexOutOfBoundsException.class);
            get.endControlFlow();
        }
        return type.addMethod(get.build()).build();
    }

    private static CodeBlock switchOver(List<ScannedMigration> chain, int start) {
        CodeBlock.Builder code = CodeBlock.builder().beginControlFlow("switch (index)");
        for (int i = start; i < Math.min(chain.size(), start + CASES_PER_METHOD); i++) {
            code.addStatement("case $L: return new $T()", i, className(chain.get(i)));
        }
        return code.addStatement("default: throw new $T(String.valueOf(index))", IndexOutOfBoundsException.class)
                .endControlFlow()
                .build();
    }

    /** @return the text of the {@code ServiceLoader} entry naming the generated chain */
    static String serviceFile(String chainName) {
        return "# Generated by the smartmigration annotation processor. Do not edit.\n" + chainName + "\n";
    }

    private static ClassName className(ScannedMigration m) {
        String nested = m.packageName().isEmpty() ? m.typeName() : m.typeName().substring(m.packageName().length() + 1);
        String[] names = nested.split("\\.");
        String[] rest = new String[names.length - 1];
        System.arraycopy(names, 1, rest, 0, rest.length);
        return ClassName.get(m.packageName(), names[0], rest);
    }
}
