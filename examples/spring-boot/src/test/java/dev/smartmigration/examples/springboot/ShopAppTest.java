package dev.smartmigration.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.testing.MongoTestServer;
import dev.smartmigration.testing.S3TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import software.amazon.awssdk.services.s3.S3Client;

/** The shop started as Spring Boot starts it, on embedded MongoDB and S3 servers (or real ones, see DEVELOPERS.md). */
@SpringBootTest
class ShopAppTest {

    private static final MongoTestServer MONGO = MongoTestServer.start();
    private static final S3TestServer S3 = S3TestServer.start();
    private static final String BUCKET = S3.createBucket();

    /** The test server's client in place of the application's, which would go to Amazon S3. */
    @TestBean S3Client s3Client;

    @Autowired Shop shop;
    @Autowired ProductRepository products;
    @Autowired MigrationConfig config;

    static S3Client s3Client() {
        return S3.client();
    }

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", MONGO::uri);
        registry.add("spring.mongodb.database", MONGO::newDatabaseName);
        registry.add("smartmigration.s3.bucket", () -> BUCKET);
    }

    @AfterAll
    static void stopServers() {
        S3.close();
        MONGO.close();
    }

    @Test
    void theRepositoryAndTheShop_seeWhatTheMigrationsCreated() {
        assertThat(shop.products()).extracting(Product::id).containsExactlyInAnyOrder("tea", "mug");
        assertThat(shop.priceList()).isEqualTo("mug=1200\ntea=450");
        assertThat(products.findById("tea")).contains(new Product("tea", "Green tea", 450));
    }

    @Test
    void theDataIsAtTheChainsLastVersion_recordedInTheMongoLedger() {
        assertThat(config.targetVersion()).contains("1.2.0");
        assertThat(MigrationRuntime.currentVersion(config)).contains("1.2.0");
        assertThat(config.ledgerBackend().name()).isEqualTo("MONGO");
        assertThat(config.owner()).startsWith("shop@");
    }
}
