package dev.smartmigration.examples.springboot;

import dev.smartmigration.annotations.Migration;
import dev.smartmigration.runtime.MigrationContext;
import dev.smartmigration.runtime.MigrationStep;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.bson.Document;
import software.amazon.awssdk.core.sync.RequestBody;

/** Writes the price list the shop serves from S3: one "id=priceCents" line per product. */
@Migration(id = "publish-price-list", from = "1.1.0", to = "1.2.0", description = "price-list.txt in S3")
public final class PublishPriceList implements MigrationStep {

    static final String KEY = "price-list.txt";

    @Override
    public void up(MigrationContext ctx) {
        String lines = StreamSupport.stream(ctx.mongo().getCollection("products").find()
                        .sort(new Document("_id", 1)).spliterator(), false)
                .map(p -> p.getString("_id") + "=" + p.getInteger("priceCents"))
                .collect(Collectors.joining("\n"));
        ctx.s3().putObject(b -> b.bucket(ctx.bucket()).key(KEY), RequestBody.fromString(lines));
    }
}
