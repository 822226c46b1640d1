package dev.smartmigration.spring.boot.app;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A user as the migrations leave it.
 *
 * @param id    the user's id
 * @param name  the name
 * @param email the e-mail address step add-emails sets
 */
@Document("users")
public record User(@Id String id, String name, String email) {
}
