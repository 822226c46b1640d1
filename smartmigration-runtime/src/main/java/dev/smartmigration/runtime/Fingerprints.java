package dev.smartmigration.runtime;

/**
 * How the runtime compares fingerprints ({@code docs/fingerprints.md}): only two that are both known and of one
 * algorithm ({@code v1:...}) are compared, so a step without one, or with one of another algorithm, is never
 * reported as edited.
 */
final class Fingerprints {

    /** How many characters of a fingerprint messages show: the algorithm and 12 hex digits. */
    private static final int SHOWN = 15;

    private Fingerprints() {
    }

    /**
     * @param applied the fingerprint recorded when the step ran, or {@code null}
     * @param now     the fingerprint of the step's code now, or {@code null}
     * @return whether both are known, of the same algorithm, and differ
     */
    static boolean differ(String applied, String now) {
        return applied != null && now != null && algorithm(applied).equals(algorithm(now)) && !applied.equals(now);
    }

    /** @return the fingerprint shortened for a message, or {@code unknown} */
    static String shown(String fingerprint) {
        if (fingerprint == null) {
            return "unknown";
        }
        return fingerprint.length() <= SHOWN ? fingerprint : fingerprint.substring(0, SHOWN) + "…";
    }

    private static String algorithm(String fingerprint) {
        int colon = fingerprint.indexOf(':');
        return colon < 0 ? fingerprint : fingerprint.substring(0, colon);
    }
}
