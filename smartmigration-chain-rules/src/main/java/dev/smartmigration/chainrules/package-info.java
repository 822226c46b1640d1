/**
 * The migration chain's rules, strict version parsing and their messages, written once for the annotation
 * processor (on {@code @Migration} values) and the runtime (on chains built in code or loaded at run time).
 * Pure: no compiler types, no I/O, no dependencies, never prints.
 *
 * <p>Not API: only {@code smartmigration-runtime} and {@code smartmigration-processor} use it (their module
 * descriptors are the only ones it exports to), and it may change in any release.
 */
package dev.smartmigration.chainrules;
