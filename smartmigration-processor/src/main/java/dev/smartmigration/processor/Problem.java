package dev.smartmigration.processor;

import dev.smartmigration.chainrules.ChainRules.Attribute;

/**
 * One compile error to report.
 *
 * @param code      the stable code
 * @param typeName  the {@code @Migration} class to report it on, or {@code null} for the compilation as a whole
 * @param attribute the annotation value to point at, or {@code null} for the annotation as a whole
 * @param message   the explanation and fix, without the tag
 */
record Problem(Code code, String typeName, Attribute attribute, String message) {

    static Problem onClass(Code code, String typeName, String message) {
        return new Problem(code, typeName, null, message);
    }

    static Problem global(Code code, String message) {
        return new Problem(code, null, null, message);
    }

    /** @return the message as users see it, tag first */
    String formatted() {
        return code.tag() + " " + message;
    }
}
