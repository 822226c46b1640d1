package dev.smartmigration.runtime.internal.ledger.s3;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the conditional-write probe found, per client and bucket, for the S3 ledgers that share this object.
 *
 * <p>A single run opens one ledger and gives it its own, so the store is probed once per run, on that ledger's probe
 * object. A fleet opens one ledger per tenant, usually all on one client and bucket, and gives them one shared
 * instance: the first ledger that needs the answer probes (on its own probe object) while the others wait for it,
 * and every other ledger of that client and bucket reuses it. Thousands of tenants then cost one probe, not
 * thousands (the probe writes). A probe that could not finish (the store failed) is not kept: the next ledger
 * probes again.
 *
 * <pre>{@code
 * ConditionalWriteProbes probes = new ConditionalWriteProbes();
 * S3Ledger a = new S3Ledger(s3, bucket, "tenants/a/", "smartmigration", options, probes);
 * S3Ledger b = new S3Ledger(s3, bucket, "tenants/b/", "smartmigration", options, probes);  // reuses a's probe
 * }</pre>
 */
public final class ConditionalWriteProbes {

    private final Map<Store, Entry> entries = new ConcurrentHashMap<>();

    /**
     * The probe's result, and where and whether this call ran it.
     *
     * @param result   what the store honours
     * @param probeKey the key of the object the probe ran on
     * @param ranNow   whether this call ran the probe (the first to ask for this client and bucket)
     */
    record Probed(S3ConditionalWriteProbe.Result result, String probeKey, boolean ranNow) {
    }

    /**
     * @param s3       the client
     * @param bucket   the bucket
     * @param probeKey the probe object to use if this client and bucket have not been probed yet
     * @param details  the details every error carries
     * @return the result for this client and bucket, probing first if none is kept
     */
    Probed probe(S3Client s3, String bucket, String probeKey, Map<String, String> details) {
        Entry entry = entries.computeIfAbsent(new Store(s3, bucket), store -> new Entry());
        synchronized (entry) {
            if (entry.result != null) {
                return new Probed(entry.result, entry.probeKey, false);
            }
            S3ConditionalWriteProbe.Result result = new S3ConditionalWriteProbe(s3, bucket, probeKey, details).run();
            entry.result = result;
            entry.probeKey = probeKey;
            return new Probed(result, probeKey, true);
        }
    }

    /** A client (by identity: two clients may reach different stores with the same settings) and a bucket. */
    private static final class Store {
        private final S3Client s3;
        private final String bucket;

        Store(S3Client s3, String bucket) {
            this.s3 = s3;
            this.bucket = bucket;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Store store && store.s3 == s3 && store.bucket.equals(bucket);
        }

        @Override
        public int hashCode() {
            return Objects.hash(System.identityHashCode(s3), bucket);
        }
    }

    private static final class Entry {
        private S3ConditionalWriteProbe.Result result;
        private String probeKey;
    }
}
