package dev.smartmigration.chainrules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The chain rules, written once for both the annotation processor (on {@code @Migration} values) and the
 * runtime (on chains built in code or loaded at run time). Pure: no compiler types, no I/O, never prints.
 */
public final class ChainRules {

    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._-]+");

    /** Which part of a step a violation is about, so the processor can point at that annotation value. */
    public enum Attribute {
        /** The {@code id} value. */
        ID,
        /** The {@code from} value. */
        FROM,
        /** The {@code to} value. */
        TO
    }

    /**
     * One step as written, before any check.
     *
     * @param id        the declared id
     * @param from      the declared from version
     * @param to        the declared to version
     * @param origin    how messages name the step in full, e.g. {@code com.acme.AddEmailIndex}
     * @param shortName how fix-it sentences name it, e.g. {@code AddEmailIndex}
     */
    public record Candidate(String id, String from, String to, String origin, String shortName) { }

    /**
     * One broken rule.
     *
     * @param rule      the rule broken
     * @param index     the position of the offending candidate in the input list
     * @param attribute the value to point at
     * @param message   the explanation and fix, without the tag
     */
    public record Violation(Rule rule, int index, Attribute attribute, String message) {
        /** {@return the message with its tag, as users see it} */
        public String formatted() {
            return rule.tag() + " " + message;
        }
    }

    /**
     * The outcome of a check.
     *
     * @param order      the candidates' input positions in chain order (meaningful only when clean)
     * @param violations every broken rule, in a stable order
     */
    public record Report(List<Integer> order, List<Violation> violations) {
        /**
         * Copies both lists, so a report never changes after it is made.
         *
         * @param order      the candidates' input positions in chain order
         * @param violations every broken rule
         */
        public Report {
            order = List.copyOf(order);
            violations = List.copyOf(violations);
        }

        /** {@return whether no rule is broken} */
        public boolean isClean() {
            return violations.isEmpty();
        }
    }

    private ChainRules() {
    }

    /**
     * Checks every rule and reports every violation.
     *
     * @param candidates the steps as declared, in any order
     * @return the chain order and the violations
     */
    public static Report check(List<Candidate> candidates) {
        List<Violation> violations = new ArrayList<>();
        List<Placed> placed = new ArrayList<>();
        Map<String, List<Integer>> byId = new LinkedHashMap<>();

        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            checkId(c, i, violations);
            if (c.id() != null && !c.id().isBlank()) {
                byId.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(i);
            }
            StrictVersion from = version(c, i, Attribute.FROM, c.from(), violations);
            StrictVersion to = version(c, i, Attribute.TO, c.to(), violations);
            if (from != null && to != null) {
                if (to.isAfter(from)) {
                    placed.add(new Placed(i, c, from, to));
                } else {
                    violations.add(new Violation(Rule.INVALID_STEP_RANGE, i, Attribute.TO,
                            ChainMessages.invalidRange(c)));
                }
            }
        }

        byId.forEach((id, indexes) -> {
            if (indexes.size() > 1) {
                for (int i : indexes) {
                    List<String> others = indexes.stream().filter(j -> j != i)
                            .map(j -> candidates.get(j).origin()).collect(Collectors.toList());
                    violations.add(new Violation(Rule.DUPLICATE_STEP_ID, i, Attribute.ID,
                            ChainMessages.duplicateId(candidates.get(i), others)));
                }
            }
        });

        placed.sort(Comparator.<Placed, StrictVersion>comparing(p -> p.from)
                .thenComparing(p -> p.to)
                .thenComparing(p -> String.valueOf(p.candidate.origin())));
        Placed reach = null;
        for (Placed p : placed) {
            if (reach != null) {
                if (p.from.equals(reach.from)) {
                    violations.add(new Violation(Rule.CHAIN_OVERLAP, p.index, Attribute.FROM,
                            ChainMessages.sameStart(reach.candidate, p.candidate)));
                } else if (p.from.isBefore(reach.to)) {
                    violations.add(new Violation(Rule.CHAIN_OVERLAP, p.index, Attribute.FROM,
                            ChainMessages.overlap(reach.candidate, p.candidate)));
                } else if (p.from.isAfter(reach.to)) {
                    violations.add(new Violation(Rule.CHAIN_GAP, p.index, Attribute.FROM,
                            ChainMessages.gap(reach.candidate, p.candidate)));
                }
            }
            if (reach == null || p.to.isAfter(reach.to)) {
                reach = p;
            }
        }

        List<Integer> order = placed.stream().map(p -> p.index).collect(Collectors.toList());
        return new Report(order, violations);
    }

    private static void checkId(Candidate c, int i, List<Violation> violations) {
        if (c.id() == null || c.id().isBlank()) {
            violations.add(new Violation(Rule.INVALID_STEP_ID, i, Attribute.ID, ChainMessages.blankId(c)));
        } else if (!VALID_ID.matcher(c.id()).matches()) {
            violations.add(new Violation(Rule.INVALID_STEP_ID, i, Attribute.ID, ChainMessages.badId(c)));
        }
    }

    private static StrictVersion version(Candidate c, int i, Attribute attribute, String text,
                                         List<Violation> violations) {
        Optional<StrictVersion> version = StrictVersion.parse(text);
        if (version.isPresent()) {
            return version.get();
        }
        String problem = StrictVersion.problem(text);
        violations.add(new Violation(Rule.INVALID_VERSION, i, attribute,
                ChainMessages.invalidVersion(c, attribute == Attribute.FROM ? "from" : "to", text, problem)));
        return null;
    }

    private record Placed(int index, Candidate candidate, StrictVersion from, StrictVersion to) { }
}
