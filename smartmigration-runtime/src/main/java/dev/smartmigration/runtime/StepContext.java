package dev.smartmigration.runtime;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/** The context of one step in one run. */
final class StepContext implements MigrationContext {

    private final MigrationConfig config;
    private final String tenant;
    private final MigrationDefinition step;
    private final boolean skipForward;
    private final Checkpoints checkpoints;
    private final RunEvents events;
    private final Logger log;
    private final Set<String> walks = new HashSet<>();

    /**
     * @param tenant the fleet's tenant the step runs for, or {@code null} in a single run
     */
    StepContext(MigrationConfig config, String tenant, MigrationDefinition step, boolean skipForward,
                Checkpoints checkpoints, RunEvents events) {
        this.config = config;
        this.tenant = tenant;
        this.step = step;
        this.skipForward = skipForward;
        this.checkpoints = checkpoints;
        this.events = events;
        this.log = LoggerFactory.getLogger("smartmigration.step." + step.id());
    }

    @Override
    public MongoDatabase mongo() {
        return mongoClient().getDatabase(config.mongoDatabase().orElseThrow());
    }

    @Override
    public MongoClient mongoClient() {
        return config.mongoClient().orElseThrow(() -> notConfigured("MongoDB", "mongo(client, database)"));
    }

    @Override
    public ClientSession startSession() {
        return mongoClient().startSession();
    }

    @Override
    public S3Client s3() {
        return config.s3Client().orElseThrow(() -> notConfigured("S3", "s3(client, bucket)"));
    }

    @Override
    public String bucket() {
        return config.bucket().orElseThrow(() -> notConfigured("S3", "s3(client, bucket)"));
    }

    @Override
    public String keyPrefix() {
        bucket();
        return config.s3KeyPrefix();
    }

    @Override
    public Optional<String> tenant() {
        return Optional.ofNullable(tenant);
    }

    @Override
    public MigrationDefinition step() {
        return step;
    }

    @Override
    public boolean isSkipForward() {
        return skipForward;
    }

    @Override
    public Logger log() {
        return log;
    }

    @Override
    public Checkpoints checkpoint() {
        if (!step.resumable()) {
            throw new SmartMigrationException(ErrorCode.STEP_NOT_RESUMABLE, "step \"" + step.id() + "\" used "
                    + "ctx.checkpoint() but is not resumable. Mark it resumable (@Migration(resumable = true), or "
                    + ".resumable() in MigrationChain.builder()) if it saves progress to resume from, and make it "
                    + "idempotent per item; otherwise remove the checkpoints.", Map.of("step", step.id()), null);
        }
        return checkpoints;
    }

    @Override
    public MongoBatches mongoBatches(MongoCollection<?> collection) {
        requireResumableForWalk("ctx.mongoBatches()");
        if (collection == null) {
            throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS, "step \"" + step.id()
                    + "\" called ctx.mongoBatches(null): pass the collection to walk, e.g. "
                    + "ctx.mongo().getCollection(\"users\").", Map.of("step", step.id()), null);
        }
        return new MongoBatches(this, collection);
    }

    @Override
    public S3Batches s3Batches(String prefix) {
        requireResumableForWalk("ctx.s3Batches()");
        if (prefix == null) {
            throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS, "step \"" + step.id()
                    + "\" called ctx.s3Batches(null): pass the key prefix to walk, e.g. \"avatars/\", or \"\" for "
                    + "the whole bucket.", Map.of("step", step.id()), null);
        }
        return new S3Batches(this, s3(), bucket(), prefix);
    }

    /** @return the run's listeners */
    RunEvents events() {
        return events;
    }

    /**
     * Reserves a walk's checkpoint key for this step's run: two walks under one key would share a position, and the
     * second would find the first one's walk finished and silently do nothing.
     *
     * @param key  the checkpoint key
     * @param name the walk's name, for the message
     * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} when another walk of this run has it
     */
    void claimWalk(String key, String name) {
        if (!walks.add(key)) {
            throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS, "step \"" + step.id() + "\" started a "
                    + "second batched walk named \"" + name + "\" in one run; each walk keeps its position under its "
                    + "name, so give each its own with .name(\"...\").", Map.of("step", step.id(), "walk", name),
                    null);
        }
    }

    private void requireResumableForWalk(String call) {
        if (!step.resumable()) {
            throw new SmartMigrationException(ErrorCode.STEP_NOT_RESUMABLE, "step \"" + step.id() + "\" used " + call
                    + ", which checkpoints after each batch, but is not resumable. Mark it resumable "
                    + "(@Migration(resumable = true), or .resumable() in MigrationChain.builder()) and make its "
                    + "handling of each item idempotent: after a crash the batch in flight is handed over again.",
                    Map.of("step", step.id()), null);
        }
    }

    private SmartMigrationException notConfigured(String store, String setter) {
        return new SmartMigrationException(ErrorCode.RESOURCE_NOT_CONFIGURED, "step \"" + step.id() + "\" asked for "
                + store + ", which is not configured. Call MigrationConfig.builder()." + setter
                + ", or remove the step's use of " + store + ".", Map.of("step", step.id(), "store", store), null);
    }
}
