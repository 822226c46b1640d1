package dev.smartmigration.examples.quickstart;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.smartmigration.annotations.Migration;
import dev.smartmigration.runtime.MigrationContext;
import dev.smartmigration.runtime.MigrationStep;

/** Makes e-mail addresses unique. Creating an index that already exists is a no-op, so a re-run is safe. */
@Migration(id = "create-users-email-index", from = "0.0.0", to = "1.0.0",
        description = "Unique index on users.email")
public final class CreateUsersEmailIndex implements MigrationStep {

    @Override
    public void up(MigrationContext ctx) {
        ctx.mongo().getCollection("users")
                .createIndex(Indexes.ascending("email"), new IndexOptions().unique(true).name("email_unique"));
    }
}
