package dev.smartmigration.spring.boot;

import dev.smartmigration.runtime.MigrationConfig;

/**
 * Adjusts the {@link MigrationConfig} the auto-configuration builds from the {@code smartmigration.*} properties, as
 * Spring Boot's {@code FlywayConfigurationCustomizer} does for Flyway. Every bean of this type is called, in
 * {@link org.springframework.core.annotation.Order @Order}, after the properties are applied, so it can override them.
 *
 * <pre>{@code
 * @Bean
 * SmartMigrationConfigCustomizer instanceName(@Value("${POD_NAME:local}") String pod) {
 *     return builder -> builder.owner(pod);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface SmartMigrationConfigCustomizer {

    /**
     * @param builder the builder, with the stores, the properties, the chain and the listeners already set
     */
    void customize(MigrationConfig.Builder builder);
}
