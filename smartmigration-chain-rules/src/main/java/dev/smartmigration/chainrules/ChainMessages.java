package dev.smartmigration.chainrules;

import java.util.List;

/**
 * Every chain-rule message text, in one place. Each reads: the rule broken, the steps and versions involved,
 * and one sentence on how to fix it. The tag ({@code [smartmigration:CODE]}) is added by the caller, with
 * {@link #tag(String)}.
 */
public final class ChainMessages {

    private ChainMessages() {
    }

    /**
     * The tag that starts every message with an error code.
     *
     * @param code an error code's name, e.g. {@code CHAIN_GAP}
     * @return the tag that starts every message with that code, {@code [smartmigration:CHAIN_GAP]}
     */
    public static String tag(String code) {
        return "[smartmigration:" + code + "]";
    }

    /**
     * A version given outside a chain (a setting, a ledger's version) that is not strict.
     *
     * @param where what the version is, in the caller's terms, e.g. {@code targetVersion}
     * @param text  the version as given, possibly {@code null}
     * @return the explanation and fix, without the tag
     */
    public static String invalidVersion(String where, String text) {
        return where + " = \"" + printable(nullToEmpty(text)) + "\" is not a strict semantic version: "
                + StrictVersion.problem(text) + ". " + versionFix(text);
    }

    /**
     * One message for several broken rules.
     *
     * @param formatted each violation, tag first
     * @return the summary, listing every violation on its own line
     */
    public static String severalViolations(List<String> formatted) {
        return "the migration chain breaks " + formatted.size() + " rules:\n  " + String.join("\n  ", formatted);
    }

    static String blankId(ChainRules.Candidate c) {
        return "migration id is blank: " + c.origin() + " declares id = \"" + nullToEmpty(c.id()) + "\". "
                + "Give it a stable, unique id such as \"add-email-index\" (letters, digits, '.', '_' and '-').";
    }

    static String badId(ChainRules.Candidate c) {
        String bad = c.id().codePoints()
                .filter(cp -> !(cp < 128 && (Character.isLetterOrDigit(cp) || cp == '.' || cp == '_' || cp == '-')))
                .distinct()
                .mapToObj(cp -> cp < 32 || cp == 127 ? String.format("\\u%04x", cp) : "'" + Character.toString(cp) + "'")
                .reduce((a, b) -> a + ", " + b).orElse("");
        return "migration id \"" + printable(c.id()) + "\" of " + c.origin()
                + " has characters outside [A-Za-z0-9._-]: " + bad + ". "
                + "Use letters, digits, '.', '_' and '-' only, e.g. \"" + suggestId(c.id()) + "\".";
    }

    static String duplicateId(ChainRules.Candidate c, List<String> others) {
        return "migration id \"" + c.id() + "\" of " + c.origin() + " is also declared by "
                + String.join(", ", others) + ". "
                + "Ids must be unique: rename the newer step (never rename one that has already run).";
    }

    static String invalidVersion(ChainRules.Candidate c, String attribute, String text, String problem) {
        return c.origin() + " has " + attribute + " = \"" + printable(nullToEmpty(text))
                + "\", which is not a strict semantic version: " + problem + ". " + versionFix(text);
    }

    private static String versionFix(String text) {
        return StrictVersion.suggestion(text)
                .map(s -> "Write it as MAJOR.MINOR.PATCH: \"" + s + "\".")
                .orElse("Write it as MAJOR.MINOR.PATCH, e.g. \"1.4.0\" or \"1.4.0-rc.1\".");
    }

    static String invalidRange(ChainRules.Candidate c) {
        String relation = c.from().equals(c.to()) ? "the same version as" : "a lower version than";
        return c.origin() + " goes from = \"" + c.from() + "\" to = \"" + c.to() + "\": to is " + relation
                + " from, but a step must move the data forward. "
                + "Set to = a version greater than \"" + c.from() + "\".";
    }

    static String sameStart(ChainRules.Candidate earlier, ChainRules.Candidate later) {
        return "two migrations start at " + later.from() + ": " + later.origin() + " (from = \"" + later.from()
                + "\", to = \"" + later.to() + "\") and " + earlier.origin() + " (from = \"" + earlier.from()
                + "\", to = \"" + earlier.to() + "\"). "
                + "Only one step may start at a version: make one of them start where the other ends.";
    }

    static String overlap(ChainRules.Candidate earlier, ChainRules.Candidate later) {
        return "migration " + later.origin() + " (" + later.from() + " -> " + later.to() + ") overlaps "
                + earlier.origin() + " (" + earlier.from() + " -> " + earlier.to() + "): it starts at from = \""
                + later.from() + "\", before " + earlier.shortName() + " ends at to = \"" + earlier.to() + "\". "
                + "Change " + later.shortName() + " to from = \"" + earlier.to()
                + "\", or split the ranges so the steps follow each other.";
    }

    static String gap(ChainRules.Candidate earlier, ChainRules.Candidate later) {
        return "migration chain has a gap between " + earlier.to() + " and " + later.from() + ": "
                + later.origin() + " starts at from = \"" + later.from() + "\" but the preceding migration "
                + earlier.origin() + " ends at to = \"" + earlier.to() + "\". "
                + "Add a migration from " + earlier.to() + " to " + later.from() + ", or change "
                + later.shortName() + " to from = \"" + earlier.to() + "\".";
    }

    private static String suggestId(String id) {
        String s = id.strip().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "add-email-index" : s;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (cp < 32 || cp == 127) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
