package dev.smartmigration.spring.boot.app;

import dev.smartmigration.runtime.MigrationChain;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A small application for the tests that start a whole Spring Boot application: a Spring Data MongoDB repository of
 * users, whose documents the migrations create (1.0.0 -> 1.1.0) and complete (1.1.0 -> 1.2.0).
 */
@SpringBootApplication
public class UsersApp {

    /**
     * @param gate a test's hook inside the second step, when it declares one
     * @return the chain: steps in code, as an application without the annotation processor declares them
     */
    @Bean
    MigrationChain migrations(ObjectProvider<StepGate> gate) {
        return MigrationChain.builder()
                .step("create-users").from("1.0.0").to("1.1.0").description("User ada")
                .up(ctx -> ctx.mongo().getCollection("users").insertOne(new Document("_id", "ada").append("name", "Ada")))
                .step("add-emails").from("1.1.0").to("1.2.0").description("E-mail addresses")
                .up(ctx -> {
                    gate.ifAvailable(StepGate::pass);
                    ctx.mongo().getCollection("users").updateOne(new Document("_id", "ada"),
                            new Document("$set", new Document("email", "ada@example.com")));
                })
                .build();
    }

    /** A test's hook: called inside the second step, so a test can hold the migration there. */
    @FunctionalInterface
    public interface StepGate {
        void pass();
    }
}
