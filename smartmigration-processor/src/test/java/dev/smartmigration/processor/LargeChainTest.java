package dev.smartmigration.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationDefinition;
import dev.smartmigration.runtime.MigrationStep;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** A long chain compiles (its methods stay far below the JVM's size limits), loads, and creates every step. */
class LargeChainTest {

    private static final int STEPS = 1_000;

    @Test
    void thousandMigrationsInShuffledOrder_compileLoadAndCreateEveryStepInVersionOrder() throws Exception {
        List<JavaFileObject> sources = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            sources.add(Sources.migration(typeName(i), "step-" + i, "0." + i + ".0", "0." + (i + 1) + ".0"));
        }
        Collections.shuffle(sources, new Random(42));

        Compilation c = Sources.compiler().compile(sources);

        assertThat(c).succeededWithoutWarnings();
        ClassLoader loader = new CompiledClassLoader(c, getClass().getClassLoader());
        MigrationChain chain = (MigrationChain) Class.forName("com.acme.GeneratedMigrationChain", true, loader)
                .getConstructor().newInstance();
        List<MigrationDefinition> steps = chain.steps();
        assertThat(steps).hasSize(STEPS);
        for (int i = 0; i < STEPS; i++) {
            MigrationDefinition step = steps.get(i);
            assertThat(step.id()).isEqualTo("step-" + i);
            assertThat(step.from()).isEqualTo("0." + i + ".0");
            MigrationStep created = step.factory().get();
            assertThat(created.getClass().getName()).isEqualTo(typeName(i));
            created.up(null);
        }
        assertThat(chain.steps()).isSameInstanceAs(steps);
    }

    private static String typeName(int i) {
        return "com.acme.part" + (i % 10) + ".Step" + i;
    }

    /** Defines the classes a compile-testing compilation wrote to its in-memory class output. */
    private static final class CompiledClassLoader extends ClassLoader {
        private static final String PREFIX = "/CLASS_OUTPUT/";
        private final Map<String, byte[]> classes = new HashMap<>();

        CompiledClassLoader(Compilation compilation, ClassLoader parent) {
            super(parent);
            for (JavaFileObject file : compilation.generatedFiles()) {
                String path = file.toUri().getPath();
                if (file.getKind() == JavaFileObject.Kind.CLASS && path.startsWith(PREFIX)) {
                    String name = path.substring(PREFIX.length(), path.length() - ".class".length()).replace('/', '.');
                    try (InputStream in = file.openInputStream()) {
                        classes.put(name, in.readAllBytes());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
