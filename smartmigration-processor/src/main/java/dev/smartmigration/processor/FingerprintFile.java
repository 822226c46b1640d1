package dev.smartmigration.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fingerprints of the chain's migrations, in a resource beside the generated chain
 * ({@code com/acme/GeneratedMigrationChain.fingerprints}), which the chain reads when it is initialised.
 *
 * <p>They are kept out of the chain's source so that an edit of a migration's body, which changes nothing but its
 * fingerprint, rewrites this file and leaves the chain's source and class as they are. A build tool that recompiles
 * only the changed files then compiles one file, and one that passes the generated chain again after a failed
 * build (the maven-compiler-plugin with {@code useIncrementalCompilation=false}) can still compile it: javac cannot
 * replace a source it is compiling, but this file it can. The file names the chain's content key; the chain uses it
 * only when the key is its own.
 *
 * @param contentKey the chain's {@linkplain ChainWriter#contentKey content key}
 * @param entries    one per migration, in chain order
 */
record FingerprintFile(String contentKey, List<Entry> entries) {

    /** The file's name beside the chain's class. */
    static final String NAME = MigrationValidator.CHAIN_CLASS + ".fingerprints";

    static final String HEADER = "# Written by the smartmigration annotation processor: the fingerprint of each "
            + "migration class (docs/fingerprints.md). Do not edit.";

    /** Written for a migration whose fingerprint is not known. */
    static final String UNKNOWN = "-";

    /**
     * @param id          the step's id
     * @param fingerprint its fingerprint, or {@code null} when not known
     * @param typeName    its class
     */
    record Entry(String id, String fingerprint, String typeName) { }

    FingerprintFile {
        entries = List.copyOf(entries);
    }

    static FingerprintFile of(String contentKey, List<ScannedMigration> chain) {
        List<Entry> entries = new ArrayList<>();
        chain.forEach(m -> entries.add(new Entry(m.id(), m.fingerprint(), m.typeName())));
        return new FingerprintFile(contentKey, entries);
    }

    /** @return the file's text: the header, {@code content <key>}, then {@code <id> <fingerprint> <class>} lines */
    String text() {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        b.append("content ").append(contentKey).append('\n');
        for (Entry e : entries) {
            b.append(e.id()).append(' ').append(e.fingerprint() == null ? UNKNOWN : e.fingerprint()).append(' ')
                    .append(e.typeName()).append('\n');
        }
        return b.toString();
    }

    /**
     * @param text a file's text
     * @return the fingerprints it gives each migration class, by qualified name; empty when the text is not such a
     *         file (a fingerprint that cannot be read is not known, which is never reported as an edit)
     */
    static Map<String, String> byType(String text) {
        String[] lines = text.split("\n");
        Map<String, String> fingerprints = new HashMap<>();
        if (lines.length < 2 || !lines[0].equals(HEADER) || !lines[1].startsWith("content ")) {
            return fingerprints;
        }
        for (int i = 2; i < lines.length; i++) {
            String[] words = lines[i].split(" ");
            if (words.length != 3) {
                return new HashMap<>();
            }
            if (!words[1].equals(UNKNOWN)) {
                fingerprints.put(words[2], words[1]);
            }
        }
        return fingerprints;
    }
}
