package dev.smartmigration.examples.springboot;

import dev.smartmigration.annotations.Migration;
import dev.smartmigration.runtime.MigrationContext;
import dev.smartmigration.runtime.MigrationStep;
import java.util.List;
import org.bson.Document;

/** The catalog's first products, in the collection {@link ProductRepository} reads. */
@Migration(id = "create-products", from = "1.0.0", to = "1.1.0", description = "First products")
public final class CreateProducts implements MigrationStep {

    @Override
    public void up(MigrationContext ctx) {
        ctx.mongo().getCollection("products").insertMany(List.of(
                new Document("_id", "tea").append("name", "Green tea").append("priceCents", 450),
                new Document("_id", "mug").append("name", "Mug").append("priceCents", 1200)));
    }
}
