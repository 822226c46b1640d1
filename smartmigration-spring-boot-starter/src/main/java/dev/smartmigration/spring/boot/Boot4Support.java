package dev.smartmigration.spring.boot;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What differs in Spring Boot 4: the packages of its MongoDB auto-configuration and of the health API. Each part is
 * used only when its Boot 4 classes are there; {@code Boot3Support} does the same against Boot 3.5's.
 */
@Configuration(proxyBeanMethods = false)
class Boot4Support {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails")
    static class Mongo {

        @Bean
        BootMongoDatabase smartMigrationBootMongoDatabase(ObjectProvider<MongoProperties> properties,
                                                          ObjectProvider<MongoConnectionDetails> details) {
            return () -> {
                MongoProperties mongo = properties.getIfAvailable();
                if (mongo != null && mongo.getDatabase() != null) {
                    return mongo.getDatabase();
                }
                MongoConnectionDetails connection = details.getIfAvailable();
                return connection == null ? null : connection.getConnectionString().getDatabase();
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.health.contributor.HealthIndicator",
            "org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator"})
    @ConditionalOnEnabledHealthIndicator("smartmigration")
    static class HealthContributor {

        @Bean
        HealthIndicator smartmigrationHealthIndicator(SmartMigrationInitializer initializer) {
            SmartMigrationHealth health = new SmartMigrationHealth(initializer);
            return () -> {
                SmartMigrationHealth.Report report = health.check();
                return Health.status(report.status()).withDetails(report.details()).build();
            };
        }
    }
}
