package dev.smartmigration.cli;

import picocli.CommandLine.Option;

/** {@code --output text|json}: a report for people, or one for pipelines (docs/operations.md#json-output). */
final class OutputOptions {

    /** The report formats. */
    enum Format {
        /** Tables and sentences. */
        TEXT,
        /** One JSON object on stdout, in the documented schema; errors as JSON too. */
        JSON
    }

    @Option(names = {"-o", "--output"}, paramLabel = "text|json", defaultValue = "TEXT",
            description = "text (default) or json: one JSON object on stdout, errors included "
                    + "(schema: docs/operations.md#json-output).")
    Format format;

    boolean json() {
        return format == Format.JSON;
    }
}
