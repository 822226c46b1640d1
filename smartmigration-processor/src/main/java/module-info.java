/**
 * The annotation processor that checks the {@code @Migration} chain and generates {@code GeneratedMigrationChain}.
 * Build tools load it from the processor path (class path mode); this descriptor serves
 * {@code --processor-module-path}.
 */
module dev.smartmigration.processor {
    requires java.compiler;
    // javac's syntax trees (com.sun.source), for the migrations' fingerprints; absent under other compilers.
    requires static jdk.compiler;
    requires dev.smartmigration.chainrules;
    requires com.palantir.javapoet;
    requires static com.google.auto.service;

    provides javax.annotation.processing.Processor with dev.smartmigration.processor.MigrationProcessor;
}
