package dev.smartmigration.examples.springboot;

import dev.smartmigration.runtime.MigrationEvent;
import dev.smartmigration.spring.boot.MigrationApplicationEvent;
import dev.smartmigration.spring.boot.SmartMigrationConfigCustomizer;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the shop adds to the starter's defaults: its instance name, and a log line per applied step. */
@Configuration(proxyBeanMethods = false)
class MigrationSettings {

    /** Names this instance in the lock and the step history after its host (the pod, on Kubernetes). */
    @Bean
    SmartMigrationConfigCustomizer instanceName(@Value("${HOSTNAME:local}") String host) {
        return builder -> builder.owner("shop@" + host);
    }

    /** One log line per applied step, from the start-up migration's Spring events. */
    @Bean
    ApplicationListener<MigrationApplicationEvent<MigrationEvent.StepApplied>> stepLog() {
        return event -> LoggerFactory.getLogger("shop.migrations").info("applied {} in {}",
                event.migrationEvent().result().id(), event.migrationEvent().result().duration());
    }
}
