package dev.smartmigration.examples.springboot;

import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A shop whose products live in MongoDB (a Spring Data repository) and whose price list lives in S3. The starter
 * runs {@link CreateProducts} and {@link PublishPriceList} at start-up, before {@link ProductRepository} and
 * {@link Shop} are created.
 *
 * <pre>{@code
 * ./mvnw -B -q -pl examples/spring-boot -am package -DskipTests
 * java -jar examples/spring-boot/target/smartmigration-spring-boot.jar \
 *     --spring.mongodb.uri=mongodb://localhost:27017/shop --smartmigration.s3.bucket=shop-data
 * }</pre>
 */
@SpringBootApplication
public class ShopApp {

    /**
     * @param args Spring Boot's command line
     */
    public static void main(String[] args) {
        SpringApplication.run(ShopApp.class, args);
    }

    /**
     * The application's S3 client; the starter uses it with {@code smartmigration.s3.bucket}. Credentials come from
     * the AWS SDK's default chain.
     *
     * @param region   the bucket's region
     * @param endpoint an S3-compatible endpoint, or empty for Amazon S3
     * @return the client
     */
    @Bean
    S3Client s3Client(@Value("${shop.s3.region:us-east-1}") String region,
                      @Value("${shop.s3.endpoint:}") String endpoint) {
        var builder = S3Client.builder().region(Region.of(region));
        if (!endpoint.isEmpty()) {
            builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        return builder.build();
    }
}
