package dev.smartmigration.examples.springboot;

import org.springframework.data.mongodb.repository.MongoRepository;

/** Products: a Spring Data repository, created after the start-up migration without any annotation. */
public interface ProductRepository extends MongoRepository<Product, String> {
}
