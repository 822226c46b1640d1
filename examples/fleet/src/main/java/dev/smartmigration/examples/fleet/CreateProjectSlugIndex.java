package dev.smartmigration.examples.fleet;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.smartmigration.annotations.Migration;
import dev.smartmigration.runtime.MigrationContext;
import dev.smartmigration.runtime.MigrationStep;

/** A unique index on {@code projects.slug}, in each tenant's database. Creating an existing index is a no-op. */
@Migration(id = "create-project-slug-index", from = "1.1.0", to = "1.2.0",
        description = "Unique index on projects.slug")
public final class CreateProjectSlugIndex implements MigrationStep {

    @Override
    public void up(MigrationContext ctx) {
        ctx.mongo().getCollection("projects")
                .createIndex(Indexes.ascending("slug"), new IndexOptions().unique(true).name("slug_unique"));
    }
}
