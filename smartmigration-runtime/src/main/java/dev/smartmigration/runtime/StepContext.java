package dev.smartmigration.runtime;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.util.Map;
import java.util.Optional;
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
    private final Logger log;

    /**
     * @param tenant the fleet's tenant the step runs for, or {@code null} in a single run
     */
    StepContext(MigrationConfig config, String tenant, MigrationDefinition step, boolean skipForward,
                Checkpoints checkpoints) {
        this.config = config;
        this.tenant = tenant;
        this.step = step;
        this.skipForward = skipForward;
        this.checkpoints = checkpoints;
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

    private SmartMigrationException notConfigured(String store, String setter) {
        return new SmartMigrationException(ErrorCode.RESOURCE_NOT_CONFIGURED, "step \"" + step.id() + "\" asked for "
                + store + ", which is not configured. Call MigrationConfig.builder()." + setter
                + ", or remove the step's use of " + store + ".", Map.of("step", step.id(), "store", store), null);
    }
}
