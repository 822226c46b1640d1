package dev.smartmigration.examples.fleet;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.smartmigration.annotations.Migration;
import dev.smartmigration.runtime.MigrationContext;
import dev.smartmigration.runtime.MigrationStep;
import java.util.Locale;
import org.bson.Document;

/**
 * Gives every project of the tenant a {@code slug} made from its name. Only projects without one match, so a re-run
 * is safe. The context's database is already the tenant's own; {@code ctx.tenant()} names it for the log.
 */
@Migration(id = "add-project-slugs", from = "1.0.0", to = "1.1.0", description = "Add a slug to every project")
public final class AddProjectSlugs implements MigrationStep {

    @Override
    public void up(MigrationContext ctx) {
        MongoCollection<Document> projects = ctx.mongo().getCollection("projects");
        int updated = 0;
        for (Document project : projects.find(Filters.exists("slug", false))) {
            String slug = project.getString("name").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            projects.updateOne(Filters.eq("_id", project.get("_id")), Updates.set("slug", slug));
            updated++;
        }
        ctx.log().info("tenant {}: {} project slug(s) added", ctx.tenant().orElseThrow(), updated);
    }
}
