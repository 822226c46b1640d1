package dev.smartmigration.cli.app;

import dev.smartmigration.annotations.Migration;
import dev.smartmigration.runtime.MigrationContext;
import dev.smartmigration.runtime.MigrationStep;
import java.io.IOException;
import org.bson.Document;

/**
 * Fails, with a root cause, while the {@code switches} collection holds {@code {_id: "fail"}}, so tests can make a
 * step fail for real.
 */
@Migration(id = "grow-things", from = "1.1.0", to = "1.2.0", description = "Double every size")
public final class GrowThings implements MigrationStep {
    @Override
    public void up(MigrationContext ctx) {
        if (ctx.mongo().getCollection("switches").countDocuments(new Document("_id", "fail")) > 0) {
            throw new IllegalStateException("switch 'fail' is on", new IOException("disk full"));
        }
        ctx.mongo().getCollection("things").updateMany(new Document(), new Document("$set", new Document("size", 2)));
    }
}
