package dev.smartmigration.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The median and spread of one side's samples, in milliseconds.
 *
 * @param median the median
 * @param q1     the first quartile
 * @param q3     the third quartile
 * @param min    the smallest sample
 * @param max    the largest sample
 * @param count  how many samples
 */
public record Summary(double median, double q1, double q3, double min, double max, long count) {

    /**
     * @param millis the samples, in milliseconds
     * @return their summary
     */
    public static Summary of(double... millis) {
        if (millis.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new Summary(quantile(sorted, 0.5), quantile(sorted, 0.25), quantile(sorted, 0.75), sorted[0],
                sorted[sorted.length - 1], sorted.length);
    }

    /**
     * @param millis the samples, in milliseconds
     * @return their summary
     */
    public static Summary of(List<Double> millis) {
        return of(millis.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = (int) Math.ceil(position);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }

    /** @return e.g. {@code median 1.234 ms (IQR 1.100-1.300, min 1.050, max 2.000, n=7)} */
    public String describe() {
        return String.format(Locale.ROOT, "median %s ms (IQR %s-%s, min %s, max %s, n=%d)", fmt(median), fmt(q1),
                fmt(q3), fmt(min), fmt(max), count);
    }

    private static String fmt(double millis) {
        return String.format(Locale.ROOT, millis >= 100 ? "%.0f" : millis >= 1 ? "%.2f" : "%.4f", millis);
    }
}
