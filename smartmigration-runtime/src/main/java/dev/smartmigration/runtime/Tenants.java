package dev.smartmigration.runtime;

import com.mongodb.client.MongoClient;
import dev.smartmigration.runtime.internal.ledger.mongo.MongoTenants;
import dev.smartmigration.runtime.internal.ledger.s3.KeyPrefix;
import dev.smartmigration.runtime.internal.ledger.s3.S3Tenants;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Lists a fleet's tenants from the stores, for the common layouts, as suppliers that {@link FleetConfig} asks anew
 * at every call (so tenants created since the last boot are picked up). A plain collection of ids works as well:
 * {@link FleetConfig.Builder#tenants(java.util.Collection)}.
 *
 * <p>A database per tenant on one MongoDB client:
 * <pre>{@code
 * FleetConfig fleet = FleetConfig.builder()
 *     .tenants(Tenants.mongoDatabases(mongoClient, "tenant_"))        // tenant_acme -> tenant "acme"
 *     .config(tenant -> MigrationConfig.builder().targetVersion("2.3.0")
 *         .mongo(mongoClient, "tenant_" + tenant).build())
 *     .build();
 * }</pre>
 *
 * <p>A key prefix per tenant in one S3 bucket (each tenant's ledger lives under its prefix):
 * <pre>{@code
 * FleetConfig fleet = FleetConfig.builder()
 *     .tenants(Tenants.s3Prefixes(s3Client, "saas-data", "tenants/"))  // tenants/acme/... -> tenant "acme"
 *     .config(tenant -> MigrationConfig.builder().targetVersion("2.3.0")
 *         .s3(s3Client, "saas-data", "tenants/" + tenant + "/").build())
 *     .build();
 * }</pre>
 */
public final class Tenants {

    private Tenants() {
    }

    /**
     * The databases of one client whose names start with {@code prefix} ({@code admin}, {@code local} and
     * {@code config} never count); a tenant's id is the rest of its database's name. Each call of the supplier
     * runs one {@code listDatabases} command (names only) and returns the ids sorted.
     *
     * @param client the client; smartmigration never closes it
     * @param prefix the common start of the tenants' database names, e.g. {@code "tenant_"}
     * @return the supplier
     * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} for a {@code null} client or a blank prefix
     *         or one with a character MongoDB refuses in database names; the supplier throws
     *         {@link ErrorCode#LEDGER_UNAVAILABLE} when the databases cannot be listed
     */
    public static Supplier<List<String>> mongoDatabases(MongoClient client, String prefix) {
        require(client != null, "Tenants.mongoDatabases(client, prefix) got a null client.");
        require(prefix != null && !prefix.isBlank() && prefix.chars().noneMatch(c -> "/\\. \"$\0".indexOf(c) >= 0),
                "Tenants.mongoDatabases(client, prefix) got the prefix \"" + prefix + "\": it must be non-blank, "
                        + "without / \\ . \" $ or spaces.");
        return () -> MongoTenants.databases(client, prefix);
    }

    /**
     * The "folders" directly under {@code parentPrefix} in one bucket: a tenant's id is the name of its folder
     * ({@code tenants/acme/} under {@code tenants/} is {@code acme}), and its configuration uses
     * {@code s3(client, bucket, parentPrefix + id + "/")}. A tenant appears once any object exists under its
     * prefix. Each call of the supplier lists with delimiter {@code /}: one {@code ListObjectsV2} request per
     * 1,000 tenants, however many objects they hold.
     *
     * @param client       the client; smartmigration never closes it
     * @param bucket       the bucket
     * @param parentPrefix where the tenants' folders are: {@code ""} for the bucket's top level (the ledger's own
     *                     {@code .smartmigration/} never counts), or segments ending with {@code /}
     * @return the supplier
     * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} for a {@code null} client, a blank bucket or
     *         an unusable prefix; the supplier throws {@link ErrorCode#LEDGER_UNAVAILABLE} when the bucket cannot be
     *         listed
     */
    public static Supplier<List<String>> s3Prefixes(S3Client client, String bucket, String parentPrefix) {
        require(client != null, "Tenants.s3Prefixes(client, bucket, parentPrefix) got a null client.");
        require(bucket != null && !bucket.isBlank(), "Tenants.s3Prefixes(client, bucket, parentPrefix) got a blank "
                + "bucket name.");
        String parent = KeyPrefix.check(parentPrefix);
        return () -> S3Tenants.prefixes(client, bucket, parent);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS, message);
        }
    }
}
