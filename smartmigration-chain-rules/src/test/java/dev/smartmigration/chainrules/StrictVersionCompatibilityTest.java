package dev.smartmigration.chainrules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.semver4j.Semver;

/**
 * The versions this module accepts and their order are exactly those of the semver4j-based parser it replaced
 * (semver4j is a test dependency only, as the reference).
 */
class StrictVersionCompatibilityTest {

    private static final String ALPHABET = "0123456789012345.....---+vVrcaZ_ ";

    /** The former rule: plain checks first, then semver4j must parse the text back to itself. */
    private static boolean formerlyAccepted(String text) {
        if (text.isBlank() || !text.equals(text.strip()) || text.chars().anyMatch(Character::isWhitespace)
                || text.startsWith("v") || text.startsWith("V") || text.indexOf('+') >= 0) {
            return false;
        }
        Semver parsed = Semver.parse(text);
        return parsed != null && text.equals(parsed.getVersion());
    }

    @Test
    void randomTexts_areAcceptedExactlyWhenTheFormerParserAcceptedThem() {
        Random random = new Random(11);
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            String text = i % 2 == 0 ? randomText(random) : randomVersionLike(random);
            boolean expected = formerlyAccepted(text);
            assertEquals(expected, StrictVersion.parse(text).isPresent(), () -> "\"" + text + "\"");
            assertEquals(expected, StrictVersion.problem(text) == null, () -> "\"" + text + "\"");
            accepted += expected ? 1 : 0;
        }
        assertEquals(true, accepted > 10_000, "too few valid samples: " + accepted);
    }

    @Test
    void randomValidVersions_compareExactlyAsTheFormerParserDid() {
        Random random = new Random(5);
        List<String> valid = new ArrayList<>();
        while (valid.size() < 2_000) {
            String text = randomVersionLike(random);
            if (formerlyAccepted(text)) {
                valid.add(text);
            }
        }
        for (int i = 0; i < 100_000; i++) {
            String a = valid.get(random.nextInt(valid.size()));
            String b = valid.get(random.nextInt(valid.size()));
            int expected = Integer.signum(Semver.parse(a).compareTo(Semver.parse(b)));
            int actual = Integer.signum(StrictVersion.parse(a).orElseThrow().compareTo(StrictVersion.parse(b).orElseThrow()));
            assertEquals(expected, actual, () -> a + " vs " + b);
        }
    }

    private static String randomText(Random random) {
        StringBuilder b = new StringBuilder();
        int length = 1 + random.nextInt(12);
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    private static String randomVersionLike(Random random) {
        StringBuilder b = new StringBuilder();
        b.append(number(random)).append('.').append(number(random)).append('.').append(number(random));
        if (random.nextInt(3) > 0) {
            b.append('-');
            int ids = 1 + random.nextInt(3);
            for (int i = 0; i < ids; i++) {
                if (i > 0) {
                    b.append('.');
                }
                b.append(switch (random.nextInt(5)) {
                    case 0 -> number(random);
                    case 1 -> "rc";
                    case 2 -> "alpha";
                    case 3 -> "beta-" + random.nextInt(3);
                    default -> random.nextInt(8) == 0 ? "0" + random.nextInt(3) : "b" + random.nextInt(20);
                });
            }
        }
        return b.toString();
    }

    private static String number(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> "0" + random.nextInt(10);
            case 1 -> "2147483648";
            case 2 -> "2147483647";
            default -> String.valueOf(random.nextInt(random.nextBoolean() ? 3 : 20));
        };
    }
}
