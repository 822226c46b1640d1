package dev.smartmigration.processor;

import static com.google.common.truth.Truth.assertThat;

import com.palantir.javapoet.CodeBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chain writer writes the steps' statements itself, not through JavaPoet's format strings: they must come out as
 * JavaPoet wrote them. (One difference: JavaPoet broke a string literal after each {@code \n} into a concatenation;
 * the writer keeps one literal. GenerationTest compiles a chain with such a description.)
 */
class ChainWriterTest {

    @Test
    void stepValuesWithEveryCharacterThatNeedsEscaping_areWrittenAsJavaPoetWritesThem() {
        String description = "quote \" backslash \\ apostrophe ' tab \t return \r backspace \b "
                + "form feed \f nul \0 escape \u001b delete \u007f next line \u0085 "
                + "accent \u00e9 emoji \ud83d\ude00 unicode escape \\u0041";
        ScannedMigration step = new ScannedMigration("com.acme.Odd", "Odd", "com.acme", "odd-\"id\"", "1.0.0",
                "1.1.0", description, true, null);

        String source = ChainWriter.chainSource("com.acme", List.of(step), "sha256:0", List.of(), false).toString();

        String javaPoets = CodeBlock.builder().addStatement("steps[$L] = step($L, $S, $S, $S, $S, $L, fingerprints)", 0,
                0, step.id(), step.from(), step.to(), description, true).build().toString();
        assertThat(source).contains("\n        " + javaPoets);
    }

    /** JavaPoet wrote them as line breaks, inside the literal: the generated chain did not compile. */
    @Test
    void lineAndParagraphSeparators_areEscaped() {
        ScannedMigration step = new ScannedMigration("com.acme.Odd", "Odd", "com.acme", "odd", "1.0.0", "1.1.0",
                "one\u2028two\u2029three", false, null);

        String source = ChainWriter.chainSource("com.acme", List.of(step), "sha256:0", List.of(), false).toString();

        assertThat(source).contains("\"one\\u2028two\\u2029three\"");
    }
}
