package dev.smartmigration.reliability;

import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationContext;
import java.util.List;
import java.util.function.Function;

/**
 * The ledger's store as the parent (the test JVM) sees it: a server it started, or a real one named by an
 * environment variable; how children connect to it; and what the parent checks afterwards. Each scenario round
 * uses a fresh namespace (a database for MongoDB, a ledger name and key prefix for S3).
 */
interface StoreUnderTest extends AutoCloseable {

    /** @return {@code "MongoDB"} or {@code "S3"}, for messages and the figures */
    String name();

    /** @return whether the server runs in this JVM (a test may stop it) */
    boolean isEmbedded();

    /** @return the lease ttl rounds use: short, but several of the store's clock ticks */
    long ttlMs();

    /** @return a namespace no other round uses */
    String newNamespace();

    /** @return the arguments that tell an {@link Instance} how to connect */
    List<String> childArgs();

    /**
     * @param ns a namespace
     * @return a configuration of this store with the ledger named {@code ns}, for the parent's own calls
     */
    MigrationConfig.Builder config(String ns);

    /**
     * @param ns a namespace
     * @return the marks the children wrote there
     */
    Marks marks(String ns);

    /**
     * @param ns a namespace
     * @return how a step running in this JVM writes its marks, through the store its context hands it
     */
    Function<MigrationContext, Marks> stepMarks(String ns);

    /**
     * @param ns a namespace
     * @return the ledger record's stored bytes, or {@code null} when there is none
     */
    byte[] ledgerBytes(String ns);

    /**
     * @param ns     a fleet scenario's namespace
     * @param tenant a tenant of it
     * @return a configuration of the tenant's own stores, as {@link Connection#tenantConfig} makes it in a child
     */
    MigrationConfig.Builder tenantConfig(String ns, String tenant);

    /**
     * @param ns     a fleet scenario's namespace
     * @param tenant a tenant of it
     * @return the marks the children's steps wrote in the tenant's store
     */
    Marks tenantMarks(String ns, String tenant);

    /**
     * @param ns     a fleet scenario's namespace
     * @param tenant a tenant of it
     * @return the tenant's MongoDB database
     */
    static String tenantDatabase(String ns, String tenant) {
        return ns + "_" + tenant;
    }

    /**
     * @param ns     a fleet scenario's namespace
     * @param tenant a tenant of it
     * @return the tenant's S3 key prefix
     */
    static String tenantPrefix(String ns, String tenant) {
        return ns + "/" + tenant + "/";
    }

    @Override
    void close();
}
