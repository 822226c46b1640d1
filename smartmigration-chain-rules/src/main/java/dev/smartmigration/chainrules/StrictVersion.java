package dev.smartmigration.chainrules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A strict semantic version as smartmigration accepts it: {@code MAJOR.MINOR.PATCH} with an optional
 * pre-release ({@code 1.2.0}, {@code 1.2.0-rc.1}), written exactly in canonical form, and without build
 * metadata (it does not take part in ordering, so {@code 1.0.0+a} and {@code 1.0.0+b} would be two names for
 * one position in the chain). Ordered by semantic-version precedence (semver.org 2.0.0, rule 11).
 *
 * <p>The syntax is semver.org's, with each of {@code MAJOR}, {@code MINOR} and {@code PATCH} at most
 * {@value #MAX_NUMBER}.
 */
public final class StrictVersion implements Comparable<StrictVersion> {

    /** The largest {@code MAJOR}, {@code MINOR} or {@code PATCH} accepted. */
    public static final int MAX_NUMBER = Integer.MAX_VALUE;

    private final String text;
    private final int major;
    private final int minor;
    private final int patch;
    private final String[] preRelease;

    private StrictVersion(String text, int major, int minor, int patch, String[] preRelease) {
        this.text = text;
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.preRelease = preRelease;
    }

    /**
     * Parses a strict semantic version.
     *
     * @param text a candidate version
     * @return the version, or empty when {@link #problem(String)} finds one
     */
    public static Optional<StrictVersion> parse(String text) {
        Analysis a = analyse(text);
        if (!a.problems.isEmpty()) {
            return Optional.empty();
        }
        String[] pre = a.preRelease == null ? new String[0] : a.preRelease.split("\\.", -1);
        return Optional.of(new StrictVersion(text, a.numbers[0], a.numbers[1], a.numbers[2], pre));
    }

    /**
     * Explains everything that keeps a text from being a strict version.
     *
     * @param text a candidate version, possibly {@code null}
     * @return {@code null} when it is valid, else one phrase naming every problem, such as
     *         {@code "it has a \"v\" prefix, and it has no PATCH number"}
     */
    public static String problem(String text) {
        List<String> problems = analyse(text).problems;
        if (problems.isEmpty()) {
            return null;
        }
        if (problems.size() == 1) {
            return problems.get(0);
        }
        return String.join(", ", problems.subList(0, problems.size() - 1)) + ", and "
                + problems.get(problems.size() - 1);
    }

    /**
     * A strict version derived from an invalid text by dropping what is not allowed and adding what is missing,
     * for a fix-it suggestion: {@code "v2.7"} gives {@code "2.7.0"}, {@code "01.2.0+build"} gives {@code "1.2.0"}.
     *
     * @param text an invalid version
     * @return the suggestion, or empty when none can be derived (e.g. {@code "next"})
     */
    public static Optional<String> suggestion(String text) {
        Analysis a = analyse(text);
        if (a.problems.isEmpty() || a.suggestion == null) {
            return Optional.empty();
        }
        return Optional.of(a.suggestion);
    }

    private static Analysis analyse(String text) {
        Analysis a = new Analysis();
        if (text == null) {
            a.problems.add("it is missing");
            return a;
        }
        if (text.isBlank()) {
            a.problems.add("it is blank");
            return a;
        }
        String rest = text;
        if (containsWhitespace(text)) {
            a.problems.add("it contains white space");
            rest = rest.replaceAll("\\s+", "");
        }
        if (rest.startsWith("v") || rest.startsWith("V")) {
            a.problems.add("it has a \"" + rest.charAt(0) + "\" prefix");
            rest = rest.substring(1);
        }
        int plus = rest.indexOf('+');
        if (plus >= 0) {
            a.problems.add("it has build metadata (\"" + rest.substring(plus)
                    + "\"), which does not take part in version ordering");
            rest = rest.substring(0, plus);
        }
        int dash = rest.indexOf('-');
        String core = dash < 0 ? rest : rest.substring(0, dash);
        String pre = dash < 0 ? null : rest.substring(dash + 1);

        String[] parts = core.split("\\.", -1);
        String[] fixed = new String[3];
        boolean derivable = true;
        if (parts.length < 3) {
            a.problems.add(parts.length == 2 ? "it has no PATCH number" : "it has no MINOR and PATCH numbers");
        } else if (parts.length > 3) {
            a.problems.add("it has " + parts.length + " numbers, not three (MAJOR.MINOR.PATCH)");
            derivable = false;
        }
        String[] names = {"MAJOR", "MINOR", "PATCH"};
        for (int i = 0; i < Math.min(parts.length, 3); i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                a.problems.add(names[i] + " is empty");
                fixed[i] = "0";
            } else if (!isNumeric(part)) {
                a.problems.add(names[i] + " \"" + part + "\" is not a number");
                derivable = false;
            } else if (part.length() > 1 && part.charAt(0) == '0') {
                a.problems.add(names[i] + " \"" + part + "\" has a leading zero");
                fixed[i] = part.replaceFirst("^0+(?=.)", "");
            } else if (part.length() > 10 || Long.parseLong(part) > MAX_NUMBER) {
                a.problems.add(names[i] + " " + part + " is larger than " + MAX_NUMBER);
                derivable = false;
            } else {
                fixed[i] = part;
            }
        }
        for (int i = parts.length; i < 3; i++) {
            fixed[i] = "0";
        }
        String fixedPre = pre == null ? null : checkPreRelease(pre, a.problems);
        if (a.problems.isEmpty()) {
            a.numbers = new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
            a.preRelease = pre;
        } else if (derivable) {
            a.suggestion = String.join(".", fixed) + (fixedPre == null || fixedPre.isEmpty() ? "" : "-" + fixedPre);
        }
        return a;
    }

    /** {@return the pre-release with what can be repaired repaired, for the suggestion} */
    private static String checkPreRelease(String pre, List<String> problems) {
        if (pre.isEmpty()) {
            problems.add("the pre-release after \"-\" is empty");
            return "";
        }
        List<String> kept = new ArrayList<>();
        boolean emptyIdentifier = false;
        for (String id : pre.split("\\.", -1)) {
            if (id.isEmpty()) {
                emptyIdentifier = true;
                continue;
            }
            if (!isAlphanumericOrHyphen(id)) {
                problems.add("the pre-release identifier \"" + id + "\" has characters outside [0-9A-Za-z-]");
                kept.add(id.replaceAll("[^0-9A-Za-z-]", "-"));
            } else if (isNumeric(id) && id.length() > 1 && id.charAt(0) == '0') {
                problems.add("the pre-release identifier \"" + id + "\" has a leading zero");
                kept.add(id.replaceFirst("^0+(?=.)", ""));
            } else {
                kept.add(id);
            }
        }
        if (emptyIdentifier) {
            problems.add("the pre-release \"" + pre + "\" has an empty identifier");
        }
        return String.join(".", kept);
    }

    // Loops rather than streams: the processor runs these for every version of a long chain in a fresh class loader,
    // where streams cost more than the check.
    private static boolean isNumeric(String identifier) {
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlphanumericOrHyphen(String identifier) {
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int compareTo(StrictVersion other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        if (c == 0) {
            c = Integer.compare(patch, other.patch);
        }
        if (c != 0) {
            return c;
        }
        if (preRelease.length == 0 || other.preRelease.length == 0) {
            return Integer.compare(other.preRelease.length, preRelease.length);
        }
        for (int i = 0; i < Math.min(preRelease.length, other.preRelease.length); i++) {
            c = compareIdentifiers(preRelease[i], other.preRelease[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(preRelease.length, other.preRelease.length);
    }

    /** Numeric identifiers compare numerically (any length) and before alphanumeric ones, which compare in ASCII. */
    private static int compareIdentifiers(String a, String b) {
        boolean numericA = isNumeric(a);
        boolean numericB = isNumeric(b);
        if (numericA && numericB) {
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (numericA != numericB) {
            return numericA ? -1 : 1;
        }
        return a.compareTo(b);
    }

    /**
     * {@return whether this version is ordered after {@code other}}
     *
     * @param other the version to compare with
     */
    public boolean isAfter(StrictVersion other) {
        return compareTo(other) > 0;
    }

    /**
     * {@return whether this version is ordered before {@code other}}
     *
     * @param other the version to compare with
     */
    public boolean isBefore(StrictVersion other) {
        return compareTo(other) < 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StrictVersion v && text.equals(v.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** {@return the version exactly as written} */
    @Override
    public String toString() {
        return text;
    }

    private static final class Analysis {
        final List<String> problems = new ArrayList<>();
        int[] numbers;
        String preRelease;
        String suggestion;
    }
}
