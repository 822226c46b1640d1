package dev.smartmigration.runtime;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.Optional;
import org.slf4j.Logger;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What a running step can use: the application's stores, its own checkpoints and a logger.
 *
 * <pre>{@code
 * @Migration(id = "backfill-display-name", from = "1.1.0", to = "1.2.0", resumable = true)
 * public final class BackfillDisplayName implements MigrationStep {
 *     @Override
 *     public void up(MigrationContext ctx) throws Exception {
 *         ctx.mongoBatches(ctx.mongo().getCollection("users"))        // batches in _id order, resumable
 *                 .filter(Filters.exists("displayName", false))
 *                 .updateEach(user -> Updates.set("displayName",
 *                         user.getString("firstName") + " " + user.getString("lastName")));
 *     }
 * }
 * }</pre>
 *
 * <p>Asking for a store that was not configured throws {@link SmartMigrationException} with
 * {@link ErrorCode#RESOURCE_NOT_CONFIGURED}.
 */
public interface MigrationContext {

    /** {@return the configured application database} */
    MongoDatabase mongo();

    /** {@return the configured MongoDB client, for work across databases} */
    MongoClient mongoClient();

    /**
     * Starts a client session on the configured MongoDB client, for transactions (replica sets only).
     * Close it when done.
     *
     * @return a new session
     */
    ClientSession startSession();

    /** {@return the configured S3 client} */
    S3Client s3();

    /** {@return the configured S3 bucket} */
    String bucket();

    /**
     * The key prefix under which this configuration's S3 data lives, set with
     * {@code MigrationConfig.Builder.s3(client, bucket, keyPrefix)}: a tenant's part of a bucket that many tenants
     * share. Keys the step reads and writes should start with it.
     *
     * <pre>{@code
     * String key = ctx.keyPrefix() + "avatars/" + userId + ".png";   // "tenants/acme/avatars/42.png"
     * }</pre>
     *
     * @return the prefix, e.g. {@code tenants/acme/}; {@code ""} when the whole bucket is the application's
     * @throws SmartMigrationException {@link ErrorCode#RESOURCE_NOT_CONFIGURED} when S3 is not configured
     */
    String keyPrefix();

    /**
     * The tenant this step runs for, when it runs as part of a fleet ({@link MigrationRuntime#runFleet}): the
     * id the fleet's tenant list gave, for logs or tenant-specific data. The stores the context hands out are
     * already the tenant's own (its configuration's).
     *
     * <pre>{@code
     * ctx.log().info("backfilling tenant {}", ctx.tenant().orElse("(single run)"));
     * }</pre>
     *
     * @return the tenant's id; empty in a run of one configuration ({@link MigrationRuntime#run})
     */
    Optional<String> tenant();

    /** {@return the definition of the step being run} */
    MigrationDefinition step();

    /**
     * Whether the ledger stood between this step's {@code from} and {@code to} when the run began (a run of an
     * older chain stopped part-way), so the step is being re-applied to data it may have partly changed.
     *
     * @return {@code true} for a skip-forward resume
     */
    boolean isSkipForward();

    /** {@return a logger named after the step} */
    Logger log();

    /**
     * This step's checkpoints, persisted in the ledger. Only a resumable step may use them
     * ({@code @Migration(resumable = true)}, or {@code resumable()} in {@link MigrationChain#builder()}): that is
     * what makes a step resumable, and it keeps a step that would restart from scratch from saving progress that
     * nothing resumes from.
     *
     * @return the checkpoints
     * @throws SmartMigrationException {@link ErrorCode#STEP_NOT_RESUMABLE} for a step that is not resumable
     */
    Checkpoints checkpoint();

    /**
     * Walks a MongoDB collection in {@code _id} order, a batch at a time, with a checkpoint after each batch: a run
     * that stops part-way resumes after the last finished batch. Only a resumable step may walk (its checkpoints are
     * what the next run resumes from); see {@link MongoBatches} for the settings, the resume guarantee and how
     * {@code _id}s of several BSON types are walked.
     *
     * <pre>{@code
     * ctx.mongoBatches(ctx.mongo().getCollection("users"))
     *         .filter(Filters.exists("displayName", false))
     *         .updateEach(user -> Updates.set("displayName", displayName(user)));   // one bulkWrite per batch
     * }</pre>
     *
     * @param collection the collection to walk, of any document class (the walk reads {@code Document}s)
     * @return the walk, to configure and start
     * @throws SmartMigrationException {@link ErrorCode#STEP_NOT_RESUMABLE} for a step that is not resumable
     */
    MongoBatches mongoBatches(MongoCollection<?> collection);

    /**
     * Walks the keys under a prefix of the configured bucket in order, a batch at a time, with a checkpoint after
     * each batch (the last key, from which the next run lists with {@code start-after}). Only a resumable step may
     * walk; see {@link S3Batches}.
     *
     * <pre>{@code
     * ctx.s3Batches("avatars/").forEachBatch(objects -> {
     *     for (S3Object object : objects) {
     *         copyToNewLayout(ctx, object.key());     // idempotent: a crash hands the batch over again
     *     }
     * });
     * }</pre>
     *
     * @param prefix the key prefix, {@code ""} for the whole bucket
     * @return the walk, to configure and start
     * @throws SmartMigrationException {@link ErrorCode#STEP_NOT_RESUMABLE} for a step that is not resumable,
     *         {@link ErrorCode#RESOURCE_NOT_CONFIGURED} when S3 is not configured
     */
    S3Batches s3Batches(String prefix);
}
