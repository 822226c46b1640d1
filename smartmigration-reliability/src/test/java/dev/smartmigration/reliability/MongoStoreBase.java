package dev.smartmigration.reliability;

import com.mongodb.client.MongoClient;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationContext;
import dev.smartmigration.testing.MongoTestServer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** What every MongoDB store of the scenarios shares: a database per namespace, marks in it, the ledger's bytes. */
abstract class MongoStoreBase implements StoreUnderTest {

    private final Set<String> tenantDatabases = ConcurrentHashMap.newKeySet();

    /** @return the parent's client */
    abstract MongoClient client();

    /** @return the connection string children use */
    abstract String uri();

    @Override
    public String name() {
        return "MongoDB";
    }

    @Override
    public long ttlMs() {
        return 2000;
    }

    @Override
    public List<String> childArgs() {
        return List.of("store=mongo", "uri=" + uri());
    }

    @Override
    public MigrationConfig.Builder config(String ns) {
        return MigrationConfig.builder().mongo(client(), ns).ledgerName(ns);
    }

    @Override
    public Marks marks(String ns) {
        return Marks.mongo(client().getDatabase(ns));
    }

    @Override
    public Function<MigrationContext, Marks> stepMarks(String ns) {
        return ctx -> Marks.mongo(ctx.mongo());
    }

    @Override
    public MigrationConfig.Builder tenantConfig(String ns, String tenant) {
        return MigrationConfig.builder().mongo(client(), tenantDatabase(ns, tenant));
    }

    @Override
    public Marks tenantMarks(String ns, String tenant) {
        return Marks.mongo(client().getDatabase(tenantDatabase(ns, tenant)));
    }

    /** On a real server, drops the tenants' databases the parent looked at (the server drops only its own names). */
    void dropTenantDatabases() {
        if (!isEmbedded()) {
            tenantDatabases.forEach(db -> client().getDatabase(db).drop());
        }
    }

    private String tenantDatabase(String ns, String tenant) {
        String name = StoreUnderTest.tenantDatabase(ns, tenant);
        tenantDatabases.add(name);
        return name;
    }

    @Override
    public byte[] ledgerBytes(String ns) {
        return MongoTestServer.firstDocumentBytes(
                client().getDatabase(ns).getCollection(MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION));
    }
}
