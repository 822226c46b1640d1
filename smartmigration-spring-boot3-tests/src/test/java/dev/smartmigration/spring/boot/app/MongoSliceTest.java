package dev.smartmigration.spring.boot.app;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.data.mongo.DataMongoTest;

/** Spring Boot 3.5's {@code @DataMongoTest}, under the name {@link DataMongoSliceTest} uses with either Boot version. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@DataMongoTest
@interface MongoSliceTest {
}
