package dev.smartmigration.processor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * Every message text of the processor itself. Each reads: the rule broken, the classes involved (fully
 * qualified), and one sentence on how to fix it. Chain-rule texts (gaps, overlaps, ids, versions) live in the
 * {@code ChainMessages} of smartmigration-chain-rules, shared with the runtime. The tag is added by {@link Problem}.
 */
final class Messages {

    static final String STEP_INTERFACE = "dev.smartmigration.runtime.MigrationStep";

    private Messages() {
    }

    static String notAClass(String type, String kind) {
        return type + " is " + kind + ", but a @Migration must be a concrete class that the generated chain "
                + "creates with its no-arg constructor. Move @Migration to a class that implements MigrationStep.";
    }

    static String abstractClass(String type) {
        return type + " is abstract, so the generated chain cannot create it. "
                + "Make it concrete, or move @Migration to a concrete subclass.";
    }

    static String innerClass(String type, String outer) {
        return type + " is an inner (non-static) class, so it cannot be created without an instance of "
                + outer + ". Declare it static, or move it to its own file.";
    }

    static String localClass(String type) {
        return type + " is a local or anonymous class, so the generated chain cannot refer to it. "
                + "Move it to a top-level or static nested class.";
    }

    static String genericClass(String type, String typeParameters) {
        return type + " declares type parameters <" + typeParameters + ">, so the generated chain could only "
                + "create it as a raw type. Remove the type parameters, or put @Migration on a non-generic subclass.";
    }

    static String notMigrationStep(String type) {
        return type + " does not implement " + STEP_INTERFACE + ", so the runtime cannot run it. "
                + "Add \"implements MigrationStep\" and its up(MigrationContext) method.";
    }

    static String migrationStepMissing(String firstType, int count) {
        String which = count == 1 ? firstType : count + " @Migration classes (" + firstType + " and others)";
        return STEP_INTERFACE + " is not on the compile classpath, so " + which + " cannot be checked or put in "
                + "a migration chain. Add the dependency dev.smartmigration:smartmigration-runtime to the "
                + "project's compile classpath (Maven scope compile, Gradle implementation).";
    }

    static String privateClass(String type, String privateType, String chain) {
        String what = type.equals(privateType) ? type + " is private" : type + " is nested in private class "
                + privateType;
        return what + ", so the generated chain " + chain + " cannot create it. "
                + "Make " + simple(privateType) + " package-private or public.";
    }

    static String notPublicClass(String type, String hiddenType, String chain) {
        String what = type.equals(hiddenType) ? type + " is not public" : type + " is nested in class "
                + hiddenType + ", which is not public";
        return what + ", but the generated chain " + chain + " is in another package and must create it. "
                + "Make " + simple(hiddenType) + " public, or put the migrations and the chain in one package "
                + "(processor option smartmigration.package).";
    }

    static String noNoArgConstructor(String type) {
        return type + " has no no-arg constructor, so the generated chain cannot create it with new "
                + simple(type) + "(). Add a constructor without parameters; a step gets what it needs from "
                + "its MigrationContext.";
    }

    static String privateConstructor(String type, String chain) {
        return "the no-arg constructor of " + type + " is private, so the generated chain " + chain
                + " cannot call it. Make it package-private or public.";
    }

    static String notPublicConstructor(String type, String chain) {
        return "the no-arg constructor of " + type + " is not public, but the generated chain " + chain
                + " is in another package and must call it. Make the constructor public.";
    }

    static String constructorThrows(String type, List<String> exceptions) {
        return "the no-arg constructor of " + type + " declares the checked exception"
                + (exceptions.size() == 1 ? " " : "s ") + String.join(", ", exceptions) + ", so the generated chain "
                + "cannot call new " + simple(type) + "() to create the step. Move the work that can fail into "
                + "up(MigrationContext), which may throw.";
    }

    static String invalidPackageOption(String option, String value) {
        return "the processor option " + option + " = \"" + value + "\" is not a valid Java package name. "
                + "Set it to a package such as com.acme.migrations (-A" + option + "=com.acme.migrations).";
    }

    static String noCommonPackage(String option, List<String> packages) {
        return "the @Migration classes share no common package (" + String.join(", ", packages) + "), so "
                + "there is no package to generate GeneratedMigrationChain in. Set the processor option -A"
                + option + "=<package>, e.g. the application's base package.";
    }

    static String lateMigration(String type, String chain) {
        return type + " was generated by another annotation processor in a later round, after " + chain
                + " was written, so it is not in the chain. The chain is written in the first round that has "
                + "@Migration classes (javac does not compile what is written in its last round): write the class as "
                + "a source file, or generate it together with the other migrations.";
    }

    static String writeFailed(String what, Exception e) {
        return "could not write " + what + ": " + e + ". If the project declares a class or file with this "
                + "name, rename it or move the chain with the processor option smartmigration.package.";
    }

    static String unreadableIndex(String reason) {
        return "cannot tell which @Migration classes an earlier compilation put in the chain: " + reason
                + ". The class output holds the result of an earlier build that this compilation cannot build on. "
                + "Rebuild the module from clean (mvn clean compile, gradle clean build, or Rebuild in the IDE).";
    }

    static String classWithoutSource(String type, String source) {
        return type + " is in the migration chain of an earlier compilation and its class file is still in the "
                + "class output, but its source " + source + " is on no source path, so it may have been deleted. "
                + "If it was, its class file is stale: rebuild the module from clean (mvn clean compile). If the "
                + "class is declared in a file of another name, move it to " + source + ".";
    }

    static String staleChainSource(String chain) {
        return "the sources of this compilation include " + chain + " as an earlier build generated it, and it no "
                + "longer matches the @Migration classes; javac cannot replace a source it is compiling. (The "
                + "maven-compiler-plugin passes it again after a failed build when useIncrementalCompilation is "
                + "false.) Delete the generated sources (target/generated-sources/annotations) or rebuild from "
                + "clean (mvn clean compile).";
    }

    static String internalError(Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        return "the smartmigration annotation processor failed unexpectedly: " + t + ". This is a bug in "
                + "smartmigration; please report it with this stack trace:\n" + trace;
    }

    private static String simple(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
