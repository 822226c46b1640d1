package dev.smartmigration.processor;

/**
 * One {@code @Migration} class as read from the compiler, by name only, so it can be kept between rounds.
 *
 * @param typeName    canonical name, e.g. {@code com.acme.Outer.AddEmailIndex}
 * @param simpleName  e.g. {@code AddEmailIndex}
 * @param packageName e.g. {@code com.acme}, empty for the unnamed package
 * @param id          the annotation's {@code id}
 * @param from        the annotation's {@code from}
 * @param to          the annotation's {@code to}
 * @param description the annotation's {@code description}
 * @param resumable   the annotation's {@code resumable}
 * @param fingerprint the class's {@linkplain Fingerprints fingerprint}, or {@code null} when it is not known
 */
record ScannedMigration(
        String typeName,
        String simpleName,
        String packageName,
        String id,
        String from,
        String to,
        String description,
        boolean resumable,
        String fingerprint) {

    /** @return this migration with the fingerprint an earlier build computed */
    ScannedMigration withFingerprint(String carried) {
        return new ScannedMigration(typeName, simpleName, packageName, id, from, to, description, resumable, carried);
    }
}
