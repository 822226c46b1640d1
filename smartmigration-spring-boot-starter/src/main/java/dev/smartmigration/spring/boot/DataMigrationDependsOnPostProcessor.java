package dev.smartmigration.spring.boot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * Makes the beans that read MongoDB data depend on the {@link SmartMigrationInitializer}, so that they are created
 * after the start-up migration, as Spring Boot does for JDBC users and Flyway: the MongoDB database factory (and with
 * it everything built on it), {@code MongoTemplate} and any other {@code MongoOperations}, GridFS templates, Spring
 * Data MongoDB repositories, and beans marked {@link DependsOnDataMigration}. Types whose library is absent are
 * skipped. The initializer may live in a parent context.
 */
final class DataMigrationDependsOnPostProcessor implements BeanFactoryPostProcessor, Ordered {

    /** The types whose beans wait, by name, so that Spring Data MongoDB stays optional. */
    static final List<String> DEPENDENT_TYPES = List.of(
            "org.springframework.data.mongodb.MongoDatabaseFactory",
            "org.springframework.data.mongodb.core.MongoOperations",
            "org.springframework.data.mongodb.gridfs.GridFsOperations",
            "org.springframework.data.mongodb.repository.support.MongoRepositoryFactoryBean");

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        String[] initializers = BeanFactoryUtils.beanNamesForTypeIncludingAncestors(beanFactory,
                SmartMigrationInitializer.class, true, false);
        if (initializers.length == 0) {
            return;
        }
        Set<String> dependents = new LinkedHashSet<>();
        ClassLoader loader = beanFactory.getBeanClassLoader();
        for (String type : DEPENDENT_TYPES) {
            if (ClassUtils.isPresent(type, loader)) {
                for (String name : beanFactory.getBeanNamesForType(ClassUtils.resolveClassName(type, loader), true,
                        false)) {
                    dependents.add(BeanFactoryUtils.transformedBeanName(name));
                }
            }
        }
        for (String name : beanFactory.getBeanDefinitionNames()) {
            if (beanFactory.findAnnotationOnBean(name, DependsOnDataMigration.class, false) != null) {
                dependents.add(name);
            }
        }
        dependents.removeAll(Arrays.asList(initializers));
        for (String name : dependents) {
            if (beanFactory.containsBeanDefinition(name)) {
                BeanDefinition definition = beanFactory.getBeanDefinition(name);
                List<String> dependsOn = new ArrayList<>();
                if (definition.getDependsOn() != null) {
                    dependsOn.addAll(Arrays.asList(definition.getDependsOn()));
                }
                for (String initializer : initializers) {
                    if (!dependsOn.contains(initializer)) {
                        dependsOn.add(initializer);
                    }
                }
                definition.setDependsOn(dependsOn.toArray(String[]::new));
            }
        }
    }

    @Override
    public int getOrder() {
        return 0;
    }
}
