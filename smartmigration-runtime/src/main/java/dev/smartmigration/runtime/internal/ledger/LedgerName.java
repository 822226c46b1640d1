package dev.smartmigration.runtime.internal.ledger;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
import java.util.Map;

/**
 * The one rule for ledger names, whatever the store: 1 to {@value #MAX_LENGTH} letters, digits, {@code .},
 * {@code _} or {@code -}, not starting with {@code .} and without {@code ..}. The name is the MongoDB document's
 * {@code _id} and part of the S3 object's key ({@code .smartmigration/<name>.json}); one rule for both means a
 * ledger can move between the stores under its name.
 */
public final class LedgerName {

    /** The longest name accepted. */
    public static final int MAX_LENGTH = 100;

    private LedgerName() {
    }

    /**
     * @param name a candidate name
     * @return {@code name}
     * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} naming the problem
     */
    public static String check(String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS, "ledgerName = \"" + printable(name)
                    + "\" cannot be used: " + problem + ". Use 1 to " + MAX_LENGTH + " letters, digits, '.', '_' "
                    + "or '-', not starting with '.', e.g. \"orders-service\".",
                    Map.of("ledgerName", printable(name)), null);
        }
        return name;
    }

    private static String problem(String name) {
        if (name == null) {
            return "it is missing";
        }
        if (name.isEmpty()) {
            return "it is empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "it is longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!allowed) {
                return "it contains " + (Character.isISOControl(c) ? String.format("\\u%04x", (int) c)
                        : "'" + c + "'");
            }
        }
        if (name.startsWith(".")) {
            return "it starts with '.'";
        }
        if (name.contains("..")) {
            return "it contains \"..\"";
        }
        return null;
    }

    private static String printable(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        text.chars().forEach(c -> sb.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : (char) c));
        return sb.toString();
    }
}
