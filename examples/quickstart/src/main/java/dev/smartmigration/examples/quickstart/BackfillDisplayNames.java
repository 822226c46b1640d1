package dev.smartmigration.examples.quickstart;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.smartmigration.annotations.Migration;
import dev.smartmigration.runtime.MigrationContext;
import dev.smartmigration.runtime.MigrationStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * Sets {@code displayName} from {@code firstName} and {@code lastName}, in batches. Resumable: after each batch
 * it saves the last {@code _id} it finished, so a restart after a crash continues from there; a user already
 * having a {@code displayName} is skipped, so the batch in flight at a crash is harmless to run again.
 */
@Migration(id = "backfill-display-names", from = "1.0.0", to = "1.1.0", resumable = true,
        description = "Set users.displayName from firstName and lastName")
public final class BackfillDisplayNames implements MigrationStep {

    private static final int BATCH_SIZE = 100;
    private static final String LAST_ID = "lastId";

    @Override
    public void up(MigrationContext ctx) {
        MongoCollection<Document> users = ctx.mongo().getCollection("users");
        ObjectId last = ctx.checkpoint().read(LAST_ID, String.class).map(ObjectId::new).orElse(null);
        long updated = 0;
        while (true) {
            Bson pending = Filters.exists("displayName", false);
            Bson page = last == null ? pending : Filters.and(pending, Filters.gt("_id", last));
            List<Document> batch = users.find(page).sort(Sorts.ascending("_id")).limit(BATCH_SIZE)
                    .into(new ArrayList<>());
            if (batch.isEmpty()) {
                break;
            }
            List<WriteModel<Document>> writes = new ArrayList<>(batch.size());
            for (Document user : batch) {
                String name = (Objects.toString(user.getString("firstName"), "") + " "
                        + Objects.toString(user.getString("lastName"), "")).strip();
                writes.add(new UpdateOneModel<>(Filters.eq("_id", user.get("_id")), Updates.set("displayName", name)));
            }
            users.bulkWrite(writes);
            updated += batch.size();
            last = batch.get(batch.size() - 1).getObjectId("_id");
            ctx.checkpoint().write(LAST_ID, last.toHexString());
        }
        ctx.log().info("Set displayName on {} users", updated);
    }
}
