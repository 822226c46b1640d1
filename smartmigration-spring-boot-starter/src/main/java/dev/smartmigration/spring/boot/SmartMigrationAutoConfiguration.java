package dev.smartmigration.spring.boot;

import com.mongodb.client.MongoClient;
import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationDefinition;
import dev.smartmigration.runtime.MigrationListener;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.S3LedgerOptions;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.spring.boot.SmartMigrationProperties.Mode;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.type.AnnotationMetadata;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs the application's migrations at start-up, in the manner of Spring Boot's own Flyway auto-configuration: with
 * the application's {@code MongoClient} bean (and Boot's MongoDB database) and/or its {@code S3Client} bean with
 * {@code smartmigration.s3.bucket}, the generated chain (or a {@link MigrationChain} bean), and the
 * {@code smartmigration.*} properties ({@link SmartMigrationProperties}). It defines:
 * <ul>
 *   <li>a {@link MigrationConfig} bean, built from the properties, then adjusted by every
 *       {@link SmartMigrationConfigCustomizer} bean, with every {@link MigrationListener} bean registered;
 *   <li>the {@link SmartMigrationInitializer}, which migrates (or, by {@code smartmigration.mode}, plans or
 *       validates) before the beans that use the data are created, through a {@link SmartMigrationStrategy} bean
 *       when there is one;
 *   <li>{@link MigrationApplicationEvent}s, Micrometer meters when Micrometer is present, the Actuator endpoint
 *       {@code smartmigration} and a health contributor when Actuator is.
 * </ul>
 * Each of these beans backs off when the application defines its own. Off with {@code smartmigration.enabled=false}.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",   // Spring Boot 4
        "org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration",     // Spring Boot 3
        "io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration"})                 // Spring Cloud AWS's S3Client
@ConditionalOnClass(MigrationRuntime.class)
@ConditionalOnBooleanProperty(name = "smartmigration.enabled", matchIfMissing = true)
@Conditional(SmartMigrationAutoConfiguration.OnStoreClientCondition.class)
@EnableConfigurationProperties(SmartMigrationProperties.class)
@Import({SmartMigrationAutoConfiguration.MongoStoreConfiguration.class,
        SmartMigrationAutoConfiguration.S3StoreConfiguration.class,
        SmartMigrationAutoConfiguration.MetricsConfiguration.class,
        SmartMigrationAutoConfiguration.EndpointConfiguration.class,
        Boot4Support.class, SmartMigrationAutoConfiguration.Boot3SupportImport.class})
public class SmartMigrationAutoConfiguration {

    /** Created by Spring Boot from {@code AutoConfiguration.imports}. */
    public SmartMigrationAutoConfiguration() {
    }

    @Bean
    static DataMigrationDependsOnPostProcessor smartMigrationDependsOnPostProcessor() {
        return new DataMigrationDependsOnPostProcessor();
    }

    /** With {@code spring.main.lazy-initialization=true} the initializer is still created, and migrates, at start-up. */
    @Bean
    static LazyInitializationExcludeFilter smartMigrationLazyInitializationExcludeFilter() {
        return LazyInitializationExcludeFilter.forBeanTypes(SmartMigrationInitializer.class);
    }

    @Bean
    @ConditionalOnMissingBean
    MigrationConfig smartMigrationConfig(SmartMigrationProperties properties, ObjectProvider<StoreSetup> stores,
                                         ObjectProvider<MigrationChain> chain,
                                         ObjectProvider<MigrationListener> listeners,
                                         ObjectProvider<SmartMigrationConfigCustomizer> customizers) {
        MigrationConfig.Builder builder = MigrationConfig.builder();
        stores.orderedStream().forEach(store -> store.configure(builder));
        MigrationChain configured = chain.getIfUnique();
        if (configured != null) {
            builder.chain(configured);
        }
        String target = properties.getTargetVersion() != null ? properties.getTargetVersion()
                : chainEnd(configured, properties.getMode());
        if (target != null) {
            builder.targetVersion(target);
        }
        builder.ledgerName(properties.getLedgerName())
                .lockWait(properties.getLockWait())
                .lockTtl(properties.getLockTtl())
                .failIfAheadOfTarget(properties.isFailIfAheadOfTarget())
                .failIfMigrationsEdited(properties.isFailIfMigrationsEdited());
        if (properties.getLedgerBackend() != null) {
            builder.ledgerBackend(properties.getLedgerBackend());
        }
        if (properties.getFreshInstallVersion() != null) {
            builder.freshInstallVersion(properties.getFreshInstallVersion());
        }
        if (properties.getOwner() != null) {
            builder.owner(properties.getOwner());
        }
        listeners.orderedStream().forEach(builder::listener);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    SmartMigrationInitializer smartMigrationInitializer(MigrationConfig config, SmartMigrationProperties properties,
                                                        ObjectProvider<SmartMigrationStrategy> strategy) {
        return new SmartMigrationInitializer(config, properties.getMode(), properties.getRunAt(),
                strategy.getIfAvailable(() -> MigrationRuntime::run));
    }

    @Bean
    MigrationListener smartMigrationApplicationEvents(ApplicationEventPublisher publisher) {
        return event -> publisher.publishEvent(new MigrationApplicationEvent<>(publisher, event));
    }

    /**
     * The default target: where the chain ends. Without a chain in {@code off} mode there is none, and the endpoint
     * still works; in the other modes the missing chain stops the start-up with {@code CHAIN_NOT_FOUND}.
     */
    private static String chainEnd(MigrationChain configured, Mode mode) {
        List<MigrationDefinition> steps;
        try {
            steps = (configured != null ? configured : MigrationChain.generated()).steps();
        } catch (SmartMigrationException e) {
            if (mode == Mode.OFF && e.code() == ErrorCode.CHAIN_NOT_FOUND) {
                return null;
            }
            throw e;
        }
        return steps.isEmpty() ? null : steps.get(steps.size() - 1).to();
    }

    /** Any store client bean: a {@code MongoClient} or an {@code S3Client}. */
    static final class OnStoreClientCondition extends AnyNestedCondition {

        OnStoreClientCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnClass(name = "com.mongodb.client.MongoClient")
        @ConditionalOnBean(type = "com.mongodb.client.MongoClient")
        static final class MongoClientBean {
        }

        @ConditionalOnClass(name = "software.amazon.awssdk.services.s3.S3Client")
        @ConditionalOnBean(type = "software.amazon.awssdk.services.s3.S3Client")
        static final class S3ClientBean {
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MongoClient.class)
    @ConditionalOnBean(MongoClient.class)
    @ConditionalOnBooleanProperty(name = "smartmigration.mongo.enabled", matchIfMissing = true)
    static class MongoStoreConfiguration {

        @Bean
        StoreSetup smartMigrationMongoStore(MongoClient client, SmartMigrationProperties properties,
                                            ObjectProvider<BootMongoDatabase> boot) {
            return builder -> {
                String database = properties.getMongo().getDatabase();
                if (database == null) {
                    BootMongoDatabase bootDatabase = boot.getIfAvailable();
                    database = bootDatabase == null ? null : bootDatabase.name();
                }
                if (database == null) {
                    throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS, "no MongoDB database is named: "
                            + "set smartmigration.mongo.database (or Spring Boot's spring.mongodb.database).");
                }
                builder.mongo(client, database).mongoLedgerCollection(properties.getMongo().getLedgerCollection());
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(S3Client.class)
    @ConditionalOnBean(S3Client.class)
    @ConditionalOnProperty("smartmigration.s3.bucket")
    static class S3StoreConfiguration {

        @Bean
        StoreSetup smartMigrationS3Store(S3Client client, SmartMigrationProperties properties) {
            return builder -> builder.s3(client, properties.getS3().getBucket()).s3LedgerOptions(
                    S3LedgerOptions.builder().bestEffortLocking(properties.getS3().isBestEffortLocking()).build());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class MetricsConfiguration {

        @Bean
        MigrationListener smartMigrationMetrics(ObjectProvider<MeterRegistry> registries) {
            return new MigrationMetrics(registries);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.actuate.endpoint.annotation.Endpoint",
            "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint"})
    static class EndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint(SmartMigrationEndpoint.class)
        SmartMigrationEndpoint smartMigrationEndpoint(SmartMigrationInitializer initializer) {
            return new SmartMigrationEndpoint(initializer);
        }
    }

    /**
     * Imports {@code Boot3Support} by name: it is compiled in a later build step, against Spring Boot 3.5's jars.
     */
    static final class Boot3SupportImport implements ImportSelector {

        @Override
        public String[] selectImports(AnnotationMetadata metadata) {
            return new String[] {"dev.smartmigration.spring.boot.Boot3Support"};
        }
    }
}
