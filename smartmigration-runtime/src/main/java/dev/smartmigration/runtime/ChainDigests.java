package dev.smartmigration.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The digest of the code of a run of steps ({@link dev.smartmigration.runtime.internal.ledger.AppliedCode}): the
 * SHA-256 of each step's id, range and fingerprint, from the step that starts at {@code since} along the chain to
 * the one that ends at {@code version}. The steps are followed by their versions, so the order of the list does not
 * matter.
 *
 * <p>One instance serves one list of steps ({@link MigrationConfig} keeps it) and remembers its last answer: a call
 * at the target asks the same question each time, so only the first hashes; and a run that applies steps one after
 * the other extends the last answer by one step for each write instead of hashing the whole run again.
 */
final class ChainDigests {

    private final List<MigrationDefinition> steps;
    private final Map<String, MigrationDefinition> byFrom = new HashMap<>();
    private volatile Walk last;

    /**
     * Steps followed from {@code since} to {@code version}.
     *
     * @param state  the digest's state after them, never updated once kept (copies are), or {@code null} when the
     *               chain has no such run of steps
     * @param digest the finished digest, or {@code null}
     */
    private record Walk(String since, String version, MessageDigest state, String digest) { }

    ChainDigests(List<MigrationDefinition> steps) {
        this.steps = steps;
        for (MigrationDefinition d : steps) {
            byFrom.putIfAbsent(d.from(), d);
        }
    }

    /** @return whether this instance serves {@code list} (the same list, not an equal one) */
    boolean serves(List<MigrationDefinition> list) {
        return steps == list;
    }

    /**
     * @param since   where the run of steps starts
     * @param version where it ends
     * @return {@code sha256:<hex>}, or {@code null} when no run of this chain's steps goes from {@code since} to
     *         {@code version}
     */
    String digest(String since, String version) {
        Walk walk = last;
        if (walk == null || !walk.since().equals(since) || walk.state() == null) {
            walk = new Walk(since, since, sha256(), null);
        } else if (walk.version().equals(version)) {
            return walk.digest();
        }
        Walk extended = extend(walk, version);
        if (extended.state() == null && !walk.version().equals(since)) {
            extended = extend(new Walk(since, since, sha256(), null), version);
        }
        last = extended;
        return extended.digest();
    }

    /** @return the walk continued from where it ended to {@code version}, on a copy of its state */
    private Walk extend(Walk from, String version) {
        MessageDigest state = copy(from.state());
        String at = from.version();
        for (int n = 0; !at.equals(version); n++) {
            MigrationDefinition d = byFrom.get(at);
            if (d == null || n == steps.size()) {
                return new Walk(from.since(), version, null, null);
            }
            String line = d.id() + '\0' + d.from() + '\0' + d.to() + '\0'
                    + (d.fingerprint() == null ? "-" : d.fingerprint()) + '\n';
            state.update(line.getBytes(StandardCharsets.UTF_8));
            at = d.to();
        }
        return new Walk(from.since(), version, state, "sha256:" + HexFormat.of().formatHex(copy(state).digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static MessageDigest copy(MessageDigest state) {
        try {
            return (MessageDigest) state.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's SHA-256 cannot be copied", e);
        }
    }
}
