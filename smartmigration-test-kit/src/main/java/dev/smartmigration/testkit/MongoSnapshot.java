package dev.smartmigration.testkit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.smartmigration.runtime.MigrationConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** A MongoDB database's documents and indexes; loaded only when the configuration has MongoDB. */
final class MongoSnapshot {

    /** By collection name: the documents by {@code _id}, in the order they were read. */
    private final Map<String, Map<BsonValue, BsonDocument>> documents;
    /** By collection name: the index definitions by index name. */
    private final Map<String, Map<String, BsonDocument>> indexes;
    private final String database;

    private MongoSnapshot(String database, Map<String, Map<BsonValue, BsonDocument>> documents,
                          Map<String, Map<String, BsonDocument>> indexes) {
        this.database = database;
        this.documents = documents;
        this.indexes = indexes;
    }

    static MongoSnapshot of(MigrationConfig config) {
        MongoDatabase db = config.mongoClient().orElseThrow().getDatabase(config.mongoDatabase().orElseThrow());
        Map<String, Map<BsonValue, BsonDocument>> documents = new TreeMap<>();
        Map<String, Map<String, BsonDocument>> indexes = new TreeMap<>();
        for (String name : db.listCollectionNames()) {
            if (name.equals(config.mongoLedgerCollection()) || name.startsWith("system.")) {
                continue;
            }
            MongoCollection<BsonDocument> collection = db.getCollection(name, BsonDocument.class);
            Map<BsonValue, BsonDocument> byId = new LinkedHashMap<>();
            for (BsonDocument d : collection.find()) {
                byId.put(d.get("_id"), d);
            }
            documents.put(name, byId);
            Map<String, BsonDocument> byName = new TreeMap<>();
            for (BsonDocument index : collection.listIndexes(BsonDocument.class)) {
                BsonDocument definition = index.clone();
                definition.remove("v");
                definition.remove("ns");
                byName.put(index.getString("name").getValue(), definition);
            }
            indexes.put(name, byName);
        }
        return new MongoSnapshot(db.getName(), documents, indexes);
    }

    List<String> differencesTo(MongoSnapshot later) {
        List<String> differences = new ArrayList<>();
        Set<String> collections = new TreeSet<>(documents.keySet());
        collections.addAll(later.documents.keySet());
        for (String name : collections) {
            Map<BsonValue, BsonDocument> before = documents.get(name);
            Map<BsonValue, BsonDocument> after = later.documents.get(name);
            if (before == null) {
                differences.add("collection " + database + "." + name + ": created, with " + after.size()
                        + " document(s)");
                continue;
            }
            if (after == null) {
                differences.add("collection " + database + "." + name + ": dropped (it had " + before.size()
                        + " document(s))");
                continue;
            }
            for (Map.Entry<BsonValue, BsonDocument> e : before.entrySet()) {
                BsonDocument now = after.get(e.getKey());
                if (now == null) {
                    differences.add(name + " " + id(e.getKey()) + ": deleted");
                } else if (!now.equals(e.getValue())) {
                    differences.add(name + " " + id(e.getKey()) + ": changed " + fieldChanges(e.getValue(), now));
                }
            }
            for (Map.Entry<BsonValue, BsonDocument> e : after.entrySet()) {
                if (!before.containsKey(e.getKey())) {
                    differences.add(name + " " + id(e.getKey()) + ": added " + Values.json(e.getValue()));
                }
            }
            Map<String, BsonDocument> indexesBefore = indexes.get(name);
            Map<String, BsonDocument> indexesAfter = later.indexes.get(name);
            Set<String> indexNames = new TreeSet<>(indexesBefore.keySet());
            indexNames.addAll(indexesAfter.keySet());
            for (String index : indexNames) {
                BsonDocument was = indexesBefore.get(index);
                BsonDocument is = indexesAfter.get(index);
                if (was == null) {
                    differences.add(name + " index \"" + index + "\": created " + Values.json(is));
                } else if (is == null) {
                    differences.add(name + " index \"" + index + "\": dropped");
                } else if (!was.equals(is)) {
                    differences.add(name + " index \"" + index + "\": changed " + Values.json(was) + " -> "
                            + Values.json(is));
                }
            }
        }
        return differences;
    }

    /** {@code "total": 10 -> 20, "note": added "x"}: the top-level fields that differ. */
    private static String fieldChanges(BsonDocument before, BsonDocument after) {
        Set<String> fields = new java.util.LinkedHashSet<>(before.keySet());
        fields.addAll(after.keySet());
        List<String> changes = new ArrayList<>();
        for (String field : fields) {
            BsonValue was = before.get(field);
            BsonValue is = after.get(field);
            if (was == null) {
                changes.add("\"" + field + "\": added " + Values.json(is));
            } else if (is == null) {
                changes.add("\"" + field + "\": removed (was " + Values.json(was) + ")");
            } else if (!was.equals(is)) {
                changes.add("\"" + field + "\": " + Values.json(was) + " -> " + Values.json(is));
            }
        }
        return changes.isEmpty() ? "(field order only)" : String.join(", ", changes);
    }

    private static String id(BsonValue id) {
        return "{\"_id\": " + Values.json(id) + "}";
    }
}
