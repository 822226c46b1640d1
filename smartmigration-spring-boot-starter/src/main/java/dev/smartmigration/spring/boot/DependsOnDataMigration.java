package dev.smartmigration.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a bean wait for the start-up migration, like Spring Boot's {@code @DependsOnDatabaseInitialization}: put it on
 * a {@code @Component} class or a {@code @Bean} method whose bean reads migrated data while it is created (an S3
 * cache warmed in its constructor, a bean that queries the {@code MongoClient} directly). MongoTemplate, the MongoDB
 * database factory, GridFS and Spring Data MongoDB repositories wait without it.
 *
 * <pre>{@code
 * @Bean
 * @DependsOnDataMigration
 * AvatarIndex avatarIndex(S3Client s3) {
 *     return AvatarIndex.load(s3, "acme-uploads");   // reads the key layout the migrations produce
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DependsOnDataMigration {
}
