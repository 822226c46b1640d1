package dev.smartmigration.testkit;

import dev.smartmigration.runtime.MigrationConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.s3.model.S3Object;

/** An S3 bucket's objects, as keys, sizes and ETags; loaded only when the configuration has S3. */
final class S3Snapshot {

    private record Entry(long size, String etag) {
    }

    private final String bucket;
    private final Map<String, Entry> objects;

    private S3Snapshot(String bucket, Map<String, Entry> objects) {
        this.bucket = bucket;
        this.objects = objects;
    }

    static S3Snapshot of(MigrationConfig config) {
        String bucket = config.bucket().orElseThrow();
        Map<String, Entry> objects = new TreeMap<>();
        for (S3Object o : config.s3Client().orElseThrow().listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            if (!o.key().startsWith(DataSnapshot.S3_LEDGER_PREFIX)) {
                objects.put(o.key(), new Entry(o.size(), o.eTag()));
            }
        }
        return new S3Snapshot(bucket, objects);
    }

    List<String> differencesTo(S3Snapshot later) {
        List<String> differences = new ArrayList<>();
        Set<String> keys = new TreeSet<>(objects.keySet());
        keys.addAll(later.objects.keySet());
        for (String key : keys) {
            Entry was = objects.get(key);
            Entry is = later.objects.get(key);
            String where = "s3://" + bucket + "/" + key;
            if (was == null) {
                differences.add(where + ": added (" + is.size() + " bytes)");
            } else if (is == null) {
                differences.add(where + ": deleted");
            } else if (!was.equals(is)) {
                differences.add(where + ": content changed (" + was.size() + " -> " + is.size() + " bytes, ETag "
                        + was.etag() + " -> " + is.etag() + ")");
            }
        }
        return differences;
    }
}
