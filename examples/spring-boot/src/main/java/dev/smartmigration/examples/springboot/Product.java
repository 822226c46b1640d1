package dev.smartmigration.examples.springboot;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A product, as the migrations store it.
 *
 * @param id         its id
 * @param name       its name
 * @param priceCents its price
 */
@Document("products")
public record Product(@Id String id, String name, int priceCents) {
}
