package dev.smartmigration.examples.quickstart;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The data an older release of the application left behind, written on the first run only: users with
 * {@code firstName} and {@code lastName}, and some avatars under the old key layout.
 */
final class SampleData {

    static final int USERS = 300;
    static final int AVATARS = 25;

    private static final String[] FIRST_NAMES = {"Ada", "Grace", "Alan", "Barbara", "Edsger", "Frances"};
    private static final String[] LAST_NAMES = {"Lovelace", "Hopper", "Turing", "Liskov", "Dijkstra", "Allen"};

    private SampleData() {
    }

    /**
     * @param db     the application's database
     * @param s3     the application's S3 client
     * @param bucket the application's bucket
     * @return whether the data was written (the {@code users} collection was empty)
     */
    static boolean writeIfEmpty(MongoDatabase db, S3Client s3, String bucket) {
        MongoCollection<Document> users = db.getCollection("users");
        if (users.countDocuments() > 0) {
            return false;
        }
        List<Document> batch = new ArrayList<>(USERS);
        for (int i = 0; i < USERS; i++) {
            batch.add(new Document("handle", handle(i))
                    .append("email", handle(i) + "@example.com")
                    .append("firstName", FIRST_NAMES[i % FIRST_NAMES.length])
                    .append("lastName", LAST_NAMES[i / FIRST_NAMES.length % LAST_NAMES.length]));
        }
        users.insertMany(batch);
        for (int i = 0; i < AVATARS; i++) {
            String handle = handle(i);
            s3.putObject(b -> b.bucket(bucket).key(MoveAvatarsToUserFolders.OLD_PREFIX + handle + ".png"),
                    RequestBody.fromString(avatar(handle), StandardCharsets.UTF_8));
        }
        return true;
    }

    static String handle(int i) {
        return String.format("user%04d", i);
    }

    static String avatar(String handle) {
        return "not really a PNG: the avatar of " + handle;
    }
}
