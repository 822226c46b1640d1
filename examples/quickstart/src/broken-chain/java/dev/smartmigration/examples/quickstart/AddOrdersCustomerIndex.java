package dev.smartmigration.examples.quickstart;

import com.mongodb.client.model.Indexes;
import dev.smartmigration.annotations.Migration;
import dev.smartmigration.runtime.MigrationContext;
import dev.smartmigration.runtime.MigrationStep;

/**
 * Deliberately broken, never part of the default build: the chain ends at 1.3.0, but this step starts at
 * 1.4.0, so compiling it with the quickstart fails with CHAIN_GAP.
 */
@Migration(id = "add-orders-customer-index", from = "1.4.0", to = "1.5.0",
        description = "Index orders by customer")
public final class AddOrdersCustomerIndex implements MigrationStep {

    @Override
    public void up(MigrationContext ctx) {
        ctx.mongo().getCollection("orders").createIndex(Indexes.ascending("customerId"));
    }
}
