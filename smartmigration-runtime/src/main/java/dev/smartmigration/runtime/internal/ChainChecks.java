package dev.smartmigration.runtime.internal;

import dev.smartmigration.chainrules.ChainMessages;
import dev.smartmigration.chainrules.ChainRules;
import dev.smartmigration.chainrules.Rule;
import dev.smartmigration.chainrules.StrictVersion;
import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationDefinition;
import dev.smartmigration.runtime.SmartMigrationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The chain rules ({@code smartmigration-chain-rules}) as the runtime applies them: a broken rule becomes a
 * {@link SmartMigrationException} with the {@link ErrorCode} of the same name.
 */
public final class ChainChecks {

    private ChainChecks() {
    }

    /**
     * @param text  a version that must be strict
     * @param where what the version is, for the error message (e.g. {@code "targetVersion"})
     * @return the version
     * @throws SmartMigrationException {@link ErrorCode#INVALID_VERSION} naming {@code where}, every problem and a fix
     */
    public static StrictVersion version(String text, String where) {
        return StrictVersion.parse(text).orElseThrow(() -> new SmartMigrationException(ErrorCode.INVALID_VERSION,
                ChainMessages.invalidVersion(where, text)));
    }

    /**
     * Checks definitions assembled in code or loaded at run time.
     *
     * @param definitions the steps, in any order
     * @return the steps in chain order, immutable
     * @throws SmartMigrationException with the first violation's code; the message lists all of them
     */
    public static List<MigrationDefinition> ordered(List<MigrationDefinition> definitions) {
        List<ChainRules.Candidate> candidates = new ArrayList<>(definitions.size());
        for (MigrationDefinition d : definitions) {
            String name = "step \"" + d.id() + "\"";
            candidates.add(new ChainRules.Candidate(d.id(), d.from(), d.to(), name, name));
        }
        ChainRules.Report report = ChainRules.check(candidates);
        if (!report.isClean()) {
            ChainRules.Violation first = report.violations().get(0);
            String message = report.violations().size() == 1 ? first.message()
                    : ChainMessages.severalViolations(report.violations().stream()
                            .map(ChainRules.Violation::formatted).collect(Collectors.toList()));
            throw new SmartMigrationException(code(first.rule()), message,
                    Map.of("violations", String.valueOf(report.violations().size()),
                            "step", String.valueOf(definitions.get(first.index()).id())),
                    null);
        }
        List<MigrationDefinition> ordered = new ArrayList<>(definitions.size());
        for (int i : report.order()) {
            ordered.add(definitions.get(i));
        }
        return List.copyOf(ordered);
    }

    /**
     * @param rule a chain rule
     * @return the runtime's code for it
     */
    public static ErrorCode code(Rule rule) {
        return switch (rule) {
            case INVALID_VERSION -> ErrorCode.INVALID_VERSION;
            case INVALID_STEP_ID -> ErrorCode.INVALID_STEP_ID;
            case DUPLICATE_STEP_ID -> ErrorCode.DUPLICATE_STEP_ID;
            case CHAIN_GAP -> ErrorCode.CHAIN_GAP;
            case CHAIN_OVERLAP -> ErrorCode.CHAIN_OVERLAP;
            case INVALID_STEP_RANGE -> ErrorCode.INVALID_STEP_RANGE;
        };
    }
}
