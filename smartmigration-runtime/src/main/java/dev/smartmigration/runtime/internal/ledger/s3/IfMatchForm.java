package dev.smartmigration.runtime.internal.ledger.s3;

/**
 * How a store wants the ETag written in the {@code If-Match} header of a {@code PutObject}. HTTP and Amazon S3 take
 * it quoted, as every ETag header hands it out; Ceph RGW 16.2 compares the header verbatim with its bare ETag on
 * {@code PUT}, so it refuses the quoted form even when it matches and accepts only the unquoted one. The
 * {@link S3ConditionalWriteProbe} learns which form a store accepts.
 */
enum IfMatchForm {

    /** {@code If-Match: "<etag>"}: the standard form, as Amazon S3 documents it. */
    QUOTED,
    /** {@code If-Match: <etag>}: the form Ceph RGW 16.2 accepts on PUT. */
    UNQUOTED;

    /**
     * @param etag an ETag as a store returned it, quoted or not
     * @return the header value in this form
     */
    String render(String etag) {
        String bare = bare(etag);
        return this == QUOTED ? "\"" + bare + "\"" : bare;
    }

    /**
     * @param etag an ETag, quoted or not
     * @return it without surrounding quotes, so that ETags from different headers compare equal
     */
    static String bare(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1) : etag;
    }
}
