package dev.smartmigration.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table in the manner of {@code flyway info}: a ruled header and one row per line. */
final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = List.of(headers);
    }

    void row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        rows.add(List.of(cells));
    }

    String render() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> r : rows) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        StringBuilder rule = new StringBuilder("+");
        for (int w : widths) {
            rule.append("-".repeat(w + 2)).append('+');
        }
        StringBuilder out = new StringBuilder();
        out.append(rule).append('\n');
        line(out, headers, widths);
        out.append(rule).append('\n');
        if (rows.isEmpty()) {
            int inner = rule.length() - 4;
            out.append("| ").append(pad("No migrations", inner)).append(" |\n");
        }
        for (List<String> r : rows) {
            line(out, r, widths);
        }
        out.append(rule).append('\n');
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        out.append('|');
        for (int i = 0; i < widths.length; i++) {
            out.append(' ').append(pad(cells.get(i), widths[i])).append(" |");
        }
        out.append('\n');
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
