package dev.smartmigration.testkit;

import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/** BSON values as the short relaxed JSON a failure message shows. */
final class Values {

    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
    private static final int MAX = 120;

    private Values() {
    }

    static String json(BsonValue value) {
        String json;
        if (value.isDocument()) {
            json = value.asDocument().toJson(RELAXED);
        } else {
            String wrapped = new BsonDocument("v", value).toJson(RELAXED);
            json = wrapped.substring(wrapped.indexOf(':') + 1, wrapped.length() - 1).strip();
        }
        return json.length() <= MAX ? json : json.substring(0, MAX) + "...";
    }
}
