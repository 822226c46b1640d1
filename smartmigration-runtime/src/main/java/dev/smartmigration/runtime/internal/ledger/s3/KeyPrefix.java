package dev.smartmigration.runtime.internal.ledger.s3;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
import java.util.Map;

/**
 * The one rule for the key prefix under which an application's (or a tenant's) S3 data lives: empty (the whole
 * bucket), or up to {@value #MAX_LENGTH} characters of {@code /}-separated non-empty segments ending with
 * {@code /}, e.g. {@code tenants/acme/}. No segment is {@code .}, {@code ..} or {@value #RESERVED_SEGMENT} (the
 * ledger's own folder), and there are no control characters. The ledger object then lives at
 * {@code <prefix>.smartmigration/<ledgerName>.json} and fresh-install detection looks under the prefix only.
 *
 * <p>The trailing {@code /} is required because S3 prefixes are plain string prefixes: {@code tenants/acme} would
 * also cover {@code tenants/acme-corp/...}, another tenant's data.
 */
public final class KeyPrefix {

    /** The longest prefix accepted: leaves room for the ledger's key within S3's 1,024-byte limit. */
    public static final int MAX_LENGTH = 512;
    /** The folder name the ledger uses under the prefix, refused as a segment of the prefix itself. */
    public static final String RESERVED_SEGMENT = ".smartmigration";

    private KeyPrefix() {
    }

    /**
     * @param prefix a candidate prefix
     * @return {@code prefix}
     * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} naming the problem
     */
    public static String check(String prefix) {
        String problem = problem(prefix);
        if (problem != null) {
            String shown = prefix == null ? "null" : prefix.codePoints()
                    .mapToObj(c -> Character.isISOControl(c) ? String.format("\\u%04x", c) : Character.toString(c))
                    .reduce("", String::concat);
            throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS, "the S3 key prefix \"" + shown
                    + "\" cannot be used: " + problem + ". Use \"\" for the whole bucket, or segments ending with "
                    + "'/', e.g. \"tenants/acme/\".", Map.of("keyPrefix", shown), null);
        }
        return prefix;
    }

    private static String problem(String prefix) {
        if (prefix == null) {
            return "it is missing";
        }
        if (prefix.isEmpty()) {
            return null;
        }
        if (prefix.length() > MAX_LENGTH) {
            return "it is longer than " + MAX_LENGTH + " characters";
        }
        if (prefix.chars().anyMatch(Character::isISOControl)) {
            return "it contains a control character";
        }
        if (!prefix.endsWith("/")) {
            return "it does not end with '/' (as a plain string prefix it would also cover keys of longer names)";
        }
        if (prefix.startsWith("/")) {
            return "it starts with '/'";
        }
        for (String segment : prefix.substring(0, prefix.length() - 1).split("/", -1)) {
            if (segment.isEmpty()) {
                return "it contains \"//\"";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "it contains the segment \"" + segment + "\"";
            }
            if (segment.equals(RESERVED_SEGMENT)) {
                return "it contains the segment \"" + RESERVED_SEGMENT + "\", where smartmigration keeps its own "
                        + "objects";
            }
        }
        return null;
    }
}
