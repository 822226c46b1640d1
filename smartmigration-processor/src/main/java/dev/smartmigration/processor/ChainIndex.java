package dev.smartmigration.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * What the processor leaves in the class output beside the chain, for the next compilation: the chain's name,
 * its {@linkplain ChainWriter#contentKey content key} and the migrations in it. A compilation that is given only
 * some of the sources (a build tool recompiling changed files) reads it to find the migrations compiled earlier.
 *
 * @param chainName  the generated chain's qualified name
 * @param contentKey what the chain says, as {@link ChainWriter#contentKey} computes it
 * @param migrations the qualified names of the migrations in the chain, in chain order
 */
record ChainIndex(String chainName, String contentKey, List<String> migrations) {

    /** Where the index lives, in the class output: it is written and deleted with the classes it describes. */
    static final String PATH = "META-INF/smartmigration/chain-index.txt";

    private static final String HEADER = "# Written by the smartmigration annotation processor for incremental "
            + "builds: the migrations in the chain. Do not edit.";

    ChainIndex {
        migrations = List.copyOf(migrations);
    }

    /** @return the file's text */
    String text() {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        b.append("chain ").append(chainName).append('\n');
        b.append("content ").append(contentKey).append('\n');
        migrations.forEach(m -> b.append("migration ").append(m).append('\n'));
        return b.toString();
    }

    /**
     * @param text the file's text
     * @return the index
     * @throws IllegalArgumentException when the text is not an index this processor wrote
     */
    static ChainIndex parse(String text) {
        String[] lines = text.split("\n");
        if (lines.length < 3 || !lines[0].equals(HEADER) || !lines[1].startsWith("chain ")
                || !lines[2].startsWith("content ")) {
            throw new IllegalArgumentException("not a chain index of this version of the processor");
        }
        List<String> migrations = new ArrayList<>();
        for (int i = 3; i < lines.length; i++) {
            if (!lines[i].startsWith("migration ")) {
                throw new IllegalArgumentException("unexpected line " + (i + 1) + ": " + lines[i]);
            }
            migrations.add(lines[i].substring("migration ".length()));
        }
        return new ChainIndex(lines[1].substring("chain ".length()), lines[2].substring("content ".length()),
                migrations);
    }
}
