package dev.smartmigration.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationDefinition;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The chain the processor generated while this module compiled, found the way the runtime finds it. */
class GeneratedChainTest {

    @Test
    void serviceLoader_findsTheOneGeneratedChain_withTheStepsInVersionOrder() {
        List<MigrationChain> chains = ServiceLoader.load(MigrationChain.class).stream()
                .map(ServiceLoader.Provider::get).collect(Collectors.toList());

        assertEquals(1, chains.size(), () -> "chains: " + chains);
        MigrationChain chain = chains.get(0);
        assertEquals("dev.smartmigration.examples.quickstart.GeneratedMigrationChain", chain.getClass().getName());
        List<MigrationDefinition> steps = chain.steps();
        assertEquals(List.of("create-users-email-index 0.0.0->1.0.0", "backfill-display-names 1.0.0->1.1.0",
                        "move-avatars-to-user-folders 1.1.0->1.2.0", "drop-legacy-name-fields 1.2.0->1.3.0"),
                steps.stream().map(s -> s.id() + " " + s.fromVersion() + "->" + s.toVersion())
                        .collect(Collectors.toList()));
        assertInstanceOf(CreateUsersEmailIndex.class, steps.get(0).factory().get());
        assertInstanceOf(BackfillDisplayNames.class, steps.get(1).factory().get());
        assertInstanceOf(MoveAvatarsToUserFolders.class, steps.get(2).factory().get());
        assertInstanceOf(DropLegacyNameFields.class, steps.get(3).factory().get());
        assertTrue(steps.get(1).resumable());
        assertEquals("Unique index on users.email", steps.get(0).description());
    }
}
