package dev.smartmigration.examples.quickstart;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.smartmigration.annotations.Migration;
import dev.smartmigration.runtime.MigrationContext;
import dev.smartmigration.runtime.MigrationStep;
import java.util.Objects;
import org.bson.Document;

/**
 * Sets {@code displayName} from {@code firstName} and {@code lastName}, with a batched walk
 * ({@code ctx.mongoBatches}): the users are read in {@code _id} order, 100 at a time, each batch's updates go out as
 * one {@code bulkWrite}, and a checkpoint after each batch lets a restart after a crash continue from the last
 * finished batch. Setting the same name twice is harmless, so the batch in flight at a crash may run again.
 */
@Migration(id = "backfill-display-names", from = "1.0.0", to = "1.1.0", resumable = true,
        description = "Set users.displayName from firstName and lastName")
public final class BackfillDisplayNames implements MigrationStep {

    @Override
    public void up(MigrationContext ctx) throws Exception {
        ctx.mongoBatches(ctx.mongo().getCollection("users"))
                .filter(Filters.exists("displayName", false))
                .batchSize(100)
                .updateEach(user -> Updates.set("displayName", displayName(user)));
    }

    static String displayName(Document user) {
        return (Objects.toString(user.getString("firstName"), "") + " "
                + Objects.toString(user.getString("lastName"), "")).strip();
    }
}
