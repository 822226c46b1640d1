package dev.smartmigration.examples.mongoonly;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.smartmigration.annotations.Migration;
import dev.smartmigration.runtime.MigrationContext;
import dev.smartmigration.runtime.MigrationStep;

/** Renames {@code orders.customer} to {@code customerId}. Only orders still having the old field match, so a re-run is safe. */
@Migration(id = "rename-orders-customer-field", from = "2.1.0", to = "2.2.0",
        description = "Rename orders.customer to orders.customerId")
public final class RenameOrdersCustomerField implements MigrationStep {

    @Override
    public void up(MigrationContext ctx) {
        long renamed = ctx.mongo().getCollection("orders")
                .updateMany(Filters.exists("customer"), Updates.rename("customer", "customerId"))
                .getModifiedCount();
        ctx.log().info("Renamed the customer field of {} orders", renamed);
    }
}
