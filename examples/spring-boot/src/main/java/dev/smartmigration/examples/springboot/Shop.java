package dev.smartmigration.examples.springboot;

import dev.smartmigration.spring.boot.DependsOnDataMigration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads the catalog once, when it is created: the products through the repository, and the price list from S3. The
 * repository waits for the migration by itself; this bean also reads S3 directly, so it says so.
 */
@Component
@DependsOnDataMigration
public class Shop {

    private final List<Product> products;
    private final String priceList;

    Shop(ProductRepository products, S3Client s3, @Value("${smartmigration.s3.bucket}") String bucket) {
        this.products = products.findAll();
        this.priceList = s3.getObjectAsBytes(b -> b.bucket(bucket).key(PublishPriceList.KEY)).asUtf8String();
    }

    /** @return the products when the application started */
    public List<Product> products() {
        return products;
    }

    /** @return the price list when the application started */
    public String priceList() {
        return priceList;
    }
}
