package dev.smartmigration.cli.app;

import dev.smartmigration.annotations.Migration;
import dev.smartmigration.cli.applib.Labels;
import dev.smartmigration.runtime.MigrationContext;
import dev.smartmigration.runtime.MigrationStep;
import org.bson.Document;

/** The chain's last step; it needs a library of the application ({@link Labels}). */
@Migration(id = "label-things", from = "1.2.0", to = "1.3.0", description = "Label every thing")
public final class LabelThings implements MigrationStep {
    @Override
    public void up(MigrationContext ctx) {
        ctx.mongo().getCollection("things").updateMany(new Document(), new Document("$set", new Document("label", Labels.label())));
    }
}
