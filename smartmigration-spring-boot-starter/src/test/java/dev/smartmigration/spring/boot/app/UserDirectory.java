package dev.smartmigration.spring.boot.app;

import java.util.List;
import org.springframework.stereotype.Component;

/** Reads every user when it is created: it sees migrated data only if the repository waited for the migration. */
@Component
public class UserDirectory {

    private final List<User> atStartUp;

    UserDirectory(UserRepository users) {
        this.atStartUp = users.findAll();
    }

    /** @return the users as they were when the application started */
    public List<User> atStartUp() {
        return atStartUp;
    }
}
