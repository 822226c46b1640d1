/**
 * Implementation details shared by the runtime and the annotation processor. Nothing here is API: it may
 * change in any release without notice (the MongoDB driver keeps its {@code internal} packages the same way).
 */
package dev.smartmigration.runtime.internal;
