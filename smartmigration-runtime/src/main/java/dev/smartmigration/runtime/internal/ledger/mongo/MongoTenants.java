package dev.smartmigration.runtime.internal.ledger.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tenant discovery for the database-per-tenant layout: the databases of one client whose names start with a prefix,
 * the tenant's id being the rest of the name ({@code tenant_acme} with prefix {@code tenant_} is tenant
 * {@code acme}). One {@code listDatabases} command (names only) per call.
 */
public final class MongoTenants {

    /** MongoDB's own databases, never a tenant's. */
    private static final Set<String> SYSTEM_DATABASES = Set.of("admin", "local", "config");

    private MongoTenants() {
    }

    /**
     * @param client the client
     * @param prefix the names' common start, non-empty
     * @return the tenant ids, sorted
     * @throws SmartMigrationException {@code LEDGER_UNAVAILABLE} when the databases cannot be listed
     */
    public static List<String> databases(MongoClient client, String prefix) {
        List<String> tenants = new ArrayList<>();
        try {
            for (String name : client.listDatabaseNames()) {
                if (name.startsWith(prefix) && name.length() > prefix.length() && !SYSTEM_DATABASES.contains(name)) {
                    tenants.add(name.substring(prefix.length()));
                }
            }
        } catch (MongoException e) {
            throw new SmartMigrationException(ErrorCode.LEDGER_UNAVAILABLE, "MongoDB failed while listing the "
                    + "databases named " + prefix + "* to find the fleet's tenants: " + e.getMessage() + ". Check "
                    + "the connection and that the user may run listDatabases.", Map.of("prefix", prefix), e);
        }
        tenants.sort(null);
        return List.copyOf(tenants);
    }
}
