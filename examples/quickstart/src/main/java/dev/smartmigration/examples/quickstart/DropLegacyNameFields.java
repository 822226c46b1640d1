package dev.smartmigration.examples.quickstart;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.smartmigration.annotations.Migration;
import dev.smartmigration.runtime.MigrationContext;
import dev.smartmigration.runtime.MigrationStep;

/**
 * Added in a later release: removes the fields version 1.1.0 replaced, once every instance reads
 * {@code displayName}. Unsetting a missing field changes nothing, so a re-run is safe.
 */
@Migration(id = "drop-legacy-name-fields", from = "1.2.0", to = "1.3.0",
        description = "Remove users.firstName and users.lastName")
public final class DropLegacyNameFields implements MigrationStep {

    @Override
    public void up(MigrationContext ctx) {
        long changed = ctx.mongo().getCollection("users")
                .updateMany(Filters.exists("displayName"), Updates.combine(Updates.unset("firstName"),
                        Updates.unset("lastName")))
                .getModifiedCount();
        ctx.log().info("Removed the legacy name fields from {} users", changed);
    }
}
