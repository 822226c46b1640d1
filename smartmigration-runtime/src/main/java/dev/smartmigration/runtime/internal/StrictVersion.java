package dev.smartmigration.runtime.internal;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
import java.util.Optional;
import org.semver4j.Semver;

/**
 * A strict semantic version as smartmigration accepts it: {@code MAJOR.MINOR.PATCH} with an optional
 * pre-release ({@code 1.2.0}, {@code 1.2.0-rc.1}), written exactly in canonical form, and without build
 * metadata (it does not take part in ordering, so {@code 1.0.0+a} and {@code 1.0.0+b} would be two names for
 * one position in the chain). Ordered by semantic-version precedence.
 */
public final class StrictVersion implements Comparable<StrictVersion> {

    private final String text;
    private final Semver semver;

    private StrictVersion(String text, Semver semver) {
        this.text = text;
        this.semver = semver;
    }

    /**
     * @param text a candidate version
     * @return the version, or empty when {@link #problem(String)} finds one
     */
    public static Optional<StrictVersion> parse(String text) {
        if (problem(text) != null) {
            return Optional.empty();
        }
        return Optional.of(new StrictVersion(text, Semver.parse(text)));
    }

    /**
     * @param text  a version that must be valid
     * @param where what the version is, for the error message (e.g. {@code "targetVersion"})
     * @return the version
     * @throws SmartMigrationException {@link ErrorCode#INVALID_VERSION} naming {@code where} and the problem
     */
    public static StrictVersion of(String text, String where) {
        String problem = problem(text);
        if (problem != null) {
            throw new SmartMigrationException(ErrorCode.INVALID_VERSION,
                    where + " = \"" + text + "\" is not a strict semantic version: " + problem
                            + ". Write it as MAJOR.MINOR.PATCH, e.g. \"1.4.0\" or \"1.4.0-rc.1\".");
        }
        return new StrictVersion(text, Semver.parse(text));
    }

    /**
     * Explains why a text is not a strict version.
     *
     * @param text a candidate version, possibly {@code null}
     * @return {@code null} when it is valid, else a phrase such as {@code "it has a \"v\" prefix"}
     */
    public static String problem(String text) {
        if (text == null) {
            return "it is missing";
        }
        if (text.isBlank()) {
            return "it is blank";
        }
        if (!text.equals(text.strip()) || text.chars().anyMatch(Character::isWhitespace)) {
            return "it contains white space";
        }
        if (text.startsWith("v") || text.startsWith("V")) {
            return "it has a \"" + text.charAt(0) + "\" prefix";
        }
        if (text.indexOf('+') >= 0) {
            return "it has build metadata (\"" + text.substring(text.indexOf('+'))
                    + "\"), which does not take part in version ordering";
        }
        Semver parsed = Semver.parse(text);
        if (parsed == null || !text.equals(parsed.getVersion())) {
            return "it is not MAJOR.MINOR.PATCH with an optional -pre-release, each number without leading zeros";
        }
        return null;
    }

    @Override
    public int compareTo(StrictVersion other) {
        return semver.compareTo(other.semver);
    }

    /** @return whether this version is ordered after {@code other} */
    public boolean isAfter(StrictVersion other) {
        return compareTo(other) > 0;
    }

    /** @return whether this version is ordered before {@code other} */
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

    /** @return the version exactly as written */
    @Override
    public String toString() {
        return text;
    }
}
