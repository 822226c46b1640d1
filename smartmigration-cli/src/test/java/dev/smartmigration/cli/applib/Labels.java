package dev.smartmigration.cli.applib;

/**
 * A library class of the CLI tests' application, used by {@code LabelThings}: the executable jar's test packs it
 * into a jar of its own, as an application's dependency, to run the CLI with and without it on {@code --app}.
 */
public final class Labels {

    private Labels() {
    }

    /** {@return the label {@code LabelThings} sets} */
    public static String label() {
        return "x";
    }
}
