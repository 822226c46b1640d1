package dev.smartmigration.examples.mongoonly;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.smartmigration.annotations.Migration;
import dev.smartmigration.runtime.MigrationContext;
import dev.smartmigration.runtime.MigrationStep;

/** Makes order numbers unique. Creating an index that already exists is a no-op, so a re-run is safe. */
@Migration(id = "create-orders-number-index", from = "2.2.0", to = "2.3.0",
        description = "Unique index on orders.number")
public final class CreateOrdersNumberIndex implements MigrationStep {

    @Override
    public void up(MigrationContext ctx) {
        ctx.mongo().getCollection("orders")
                .createIndex(Indexes.ascending("number"), new IndexOptions().unique(true).name("number_unique"));
    }
}
