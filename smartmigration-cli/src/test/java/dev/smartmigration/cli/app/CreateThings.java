package dev.smartmigration.cli.app;

import dev.smartmigration.annotations.Migration;
import dev.smartmigration.runtime.MigrationContext;
import dev.smartmigration.runtime.MigrationStep;
import org.bson.Document;

/** The CLI tests' application: its first step creates a document. */
@Migration(id = "create-things", from = "1.0.0", to = "1.1.0", description = "Create the things collection")
public final class CreateThings implements MigrationStep {
    @Override
    public void up(MigrationContext ctx) {
        ctx.mongo().getCollection("things").insertOne(new Document("_id", "first").append("size", 1));
    }
}
