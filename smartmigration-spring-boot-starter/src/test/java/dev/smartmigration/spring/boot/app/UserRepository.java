package dev.smartmigration.spring.boot.app;

import org.springframework.data.mongodb.repository.MongoRepository;

/** The users, through Spring Data MongoDB. */
public interface UserRepository extends MongoRepository<User, String> {
}
