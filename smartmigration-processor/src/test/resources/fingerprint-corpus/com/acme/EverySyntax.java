package com.acme;

import static java.util.Objects.requireNonNull;

import dev.smartmigration.annotations.Migration;
import dev.smartmigration.runtime.MigrationContext;
import dev.smartmigration.runtime.MigrationStep;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.*;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * A migration that uses every form of Java 17 syntax, for FingerprintStabilityTest: its fingerprint must be the
 * same whichever JDK compiles it.
 */
@Migration(id = "every-syntax", from = "1.0.0", to = "1.1.0", description = "Every form of syntax")
@SuppressWarnings({"unused", "rawtypes"})
public final class EverySyntax implements MigrationStep, Comparable<EverySyntax> {

    static final long LONG = 0x7fff_ffff_ffffL;
    static final float FLOAT = 1.5e-3f;
    static final double DOUBLE = 2.0E23;
    static final char CHAR = '\u00e9';
    static final String TEXT = """
            Hello, "world"\t!
            """;
    private static int counter;
    private final int[] numbers = {1, 2, 3};
    private final int[][] grid = new int[2][];
    transient volatile Object anything;

    static {
        counter = 1;
    }

    {
        anything = new Object();
    }

    public EverySyntax() {
        this(0);
    }

    private EverySyntax(int start) {
        super();
        counter += start;
    }

    @Override
    public void up(MigrationContext ctx) {
        int sum = 0;
        label:
        for (int i = 0, j = 10; i < j; i++, j--) {
            if (i % 2 == 0) {
                continue label;
            } else if (i > 7) {
                break label;
            }
            sum += i << 1 | j >>> 2 & ~i ^ -j;
        }
        for (int n : numbers) {
            sum -= n;
        }
        int k = 0;
        while (k < 3) {
            k++;
        }
        do {
            k--;
        } while (k > 0);
        var list = new ArrayList<String>();
        list.add(switchStatement(sum));
        list.add(switchExpression(sum));
        list.add(String.valueOf(sum > 0 ? sum : -sum));
        Object o = list;
        if (o instanceof List<?> l && !l.isEmpty()) {
            sum += l.size();
        }
        assert sum != 42 : "unexpected " + sum;
        synchronized (this) {
            counter++;
        }
        try (StringReader reader = new StringReader(TEXT)) {
            sum += reader.read();
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(new IOException(e));
        } finally {
            counter--;
        }
        Function<String, Integer> length = String::length;
        Supplier<List<String>> fresh = ArrayList::new;
        IntFunction<int[]> arrays = int[]::new;
        BiFunction<Integer, Integer, Integer> add = (a, b) -> a + b;
        Function<Integer, Integer> twice = (var x) -> {
            return x * 2;
        };
        Runnable anonymous = new Runnable() {
            @Override
            public void run() {
                counter = this.hashCode();
            }
        };
        record Local(String name, int size) {
            Local {
                requireNonNull(name);
            }
        }
        class Helper<T extends Comparable<? super T>> {
            <R> R apply(Function<? super T, ? extends R> f, T t) {
                return f.apply(t);
            }
        }
        Object cast = (Comparable<String> & java.io.Serializable) "x";
        int[] copy = numbers.clone();
        copy[0] = (int) DOUBLE;
        sum += new Helper<String>().<Integer>apply(length, "abc") + add.apply(1, 2) + twice.apply(3)
                + arrays.apply(2).length + fresh.get().size() + new Local("n", 1).size();
        System.out.println(sum + " " + Mode.FAST.speed() + cast + anonymous + Objects.hash((Object[]) grid) + CHAR + FLOAT + LONG);
    }

    private static String switchStatement(int value) {
        switch (value) {
            case 1:
            case 2:
                return "small";
            case 3, 4:
                return "medium";
            default:
                return "large";
        }
    }

    private static String switchExpression(int value) {
        return switch (value) {
            case 0 -> "zero";
            case 1, 2 -> {
                String s = "few";
                yield s;
            }
            default -> throw new IllegalArgumentException("value " + value);
        };
    }

    @Override
    public int compareTo(EverySyntax other) {
        return Integer.compare(hashCode(), other.hashCode());
    }

    /** A nested enum with bodies. */
    enum Mode {
        FAST(2) {
            @Override
            int speed() {
                return super.speed() * 2;
            }
        },
        SLOW(1);

        private final int factor;

        Mode(int factor) {
            this.factor = factor;
        }

        int speed() {
            return factor;
        }
    }

    /** A nested record with a compact constructor and an implicit one elsewhere. */
    record Range(int from, int to) implements java.io.Serializable {
        Range {
            if (from > to) {
                throw new IllegalArgumentException(from + " > " + to);
            }
        }

        static Range of(int... bounds) {
            return new Range(bounds[0], bounds[bounds.length - 1]);
        }
    }

    record Pair<A, B>(A first, B second) { }

    sealed interface Shape permits Circle, Square { }

    static final class Circle implements Shape { }

    static non-sealed class Square implements Shape { }

    @interface Marker {
        String value() default "m";

        int[] sizes() default {1, 2};
    }

    interface Named {
        String name();

        default String greeting() {
            return "hello " + name();
        }

        static Named of(String name) {
            return () -> name;
        }
    }

    class Inner {
        int outer() {
            return EverySyntax.this.numbers.length;
        }
    }

    @Marker(value = "x", sizes = {3})
    <T extends Number & Comparable<T>> T max(List<? extends T> values, @Deprecated T fallback) throws IOException {
        T best = fallback;
        for (T value : values) {
            if (value.compareTo(best) > 0) {
                best = value;
            }
        }
        if (best == null) {
            throw new IOException("none");
        }
        return best;
    }

    void innerCreation() {
        Inner inner = this.new Inner();
        long shifted = LONG >> 3;
        shifted >>= 1;
        shifted <<= 2;
        shifted >>>= 1;
        shifted %= 7;
        boolean flag = !(shifted == 0) || shifted != 1 && true;
        char c = (char) (CHAR + 1);
        c++;
        --c;
        Object[] objects = new Object[] {null, 1, 'a', 1L, 1.0f, 1.0, "s", true, Object.class, int.class};
        System.out.println(inner.outer() + " " + flag + c + Arrays.toString(objects));
    }
}
