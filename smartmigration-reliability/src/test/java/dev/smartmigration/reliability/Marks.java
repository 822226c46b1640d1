package dev.smartmigration.reliability;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.bson.Document;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Evidence that work was done: each unit of work (a step, an item) appends one record, and the parent counts
 * them afterwards. Appending instead of overwriting is the point: a unit done twice leaves two records.
 */
interface Marks {

    /**
     * Appends one record.
     *
     * @param kind what was done, e.g. {@code "step"} or {@code "item"}
     * @param key  which one, e.g. the step id or the item number
     * @param by   the instance that did it
     */
    void add(String kind, String key, String by);

    /**
     * @param kind what was done
     * @return how many records each key has (keys without records are absent)
     */
    Map<String, Integer> count(String kind);

    /**
     * Records as empty objects {@code <prefix>/marks/<kind>/<key>/<uuid>} in the application's bucket.
     *
     * @param s3     the client
     * @param bucket the bucket
     * @param prefix the scenario's namespace
     * @return the marks
     */
    static Marks s3(S3Client s3, String bucket, String prefix) {
        return new Marks() {
            @Override
            public void add(String kind, String key, String by) {
                s3.putObject(b -> b.bucket(bucket).key(prefix + "/marks/" + kind + "/" + key + "/" + UUID.randomUUID())
                        .metadata(Map.of("by", by)), RequestBody.empty());
            }

            @Override
            public Map<String, Integer> count(String kind) {
                String start = prefix + "/marks/" + kind + "/";
                Map<String, Integer> counts = new TreeMap<>();
                s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(start)).contents().forEach(o -> {
                    String rest = o.key().substring(start.length());
                    counts.merge(rest.substring(0, rest.indexOf('/')), 1, Integer::sum);
                });
                return counts;
            }
        };
    }

    /**
     * @param database the application's database
     * @return records as documents in the {@code marks} collection of that database
     */
    static Marks mongo(MongoDatabase database) {
        MongoCollection<Document> marks = database.getCollection("marks");
        return new Marks() {
            @Override
            public void add(String kind, String key, String by) {
                marks.insertOne(new Document("kind", kind).append("key", key).append("by", by));
            }

            @Override
            public Map<String, Integer> count(String kind) {
                Map<String, Integer> counts = new TreeMap<>();
                for (Document d : marks.find(new Document("kind", kind))) {
                    counts.merge(d.getString("key"), 1, Integer::sum);
                }
                return counts;
            }
        };
    }
}
