package dev.smartmigration.cli;

/** A command with {@code --output}: when it fails, its error is reported in the format it was asked for. */
interface Reporting {

    /** {@return the command's output options} */
    OutputOptions output();
}
