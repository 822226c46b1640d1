package dev.smartmigration.spring.boot;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.mongo.MongoConnectionDetails;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What differs in Spring Boot 3.5: the packages of its MongoDB auto-configuration and of the health API. Compiled
 * against Boot 3.5's jars by a build step of its own (see the module's pom.xml) into the same jar as
 * {@link Boot4Support}; each part is used only when its Boot 3 classes are there.
 */
@Configuration(proxyBeanMethods = false)
class Boot3Support {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.autoconfigure.mongo.MongoConnectionDetails")
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
    @ConditionalOnClass(name = {"org.springframework.boot.actuate.health.HealthIndicator",
            "org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator"})
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
