package dev.smartmigration.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smartmigration.runtime.internal.ledger.Ledger;
import dev.smartmigration.runtime.internal.ledger.s3.S3Ledger;
import dev.smartmigration.testing.S3TestServer;
import dev.smartmigration.testing.S3TestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Edited, re-ranged and removed steps with the ledger in S3, through the real AWS SDK against S3Proxy made per-object
 * atomic (or {@code SMARTMIGRATION_TEST_S3_ENDPOINT}); the requests are counted on the client. Each test has its own
 * ledger name.
 */
@Tag("s3")
@ExtendWith(S3TestServerExtension.class)
class S3EditedMigrationTest extends EditedMigrationContract {

    @TestResource private S3TestServer server;
    @TestResource private S3Client s3;
    private Store store;

    @BeforeEach
    void openTheStore() {
        String ledgerName = S3TestServer.uniqueName("edited");
        List<String> requests = new CopyOnWriteArrayList<>();
        S3Client counted = server.client(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                requests.add(context.request().getClass().getSimpleName());
            }
        });
        store = new Store() {
            @Override
            public MigrationConfig.Builder config(String target, MigrationChain chain) {
                MigrationConfig.Builder b = MigrationConfig.builder().s3(counted, server.bucket())
                        .ledgerName(ledgerName).chain(chain).owner("test").lockTtl(Duration.ofSeconds(3))
                        .lockWait(Duration.ofSeconds(30));
                return target == null ? b : b.targetVersion(target);
            }

            @Override
            public List<String> takeRequests() {
                List<String> taken = List.copyOf(requests);
                requests.clear();
                return taken;
            }

            @Override
            public List<String> oneSmallRead() {
                return List.of("HeadObjectRequest");
            }

            @Override
            public Ledger ledger() {
                return new S3Ledger(s3, server.bucket(), ledgerName, S3LedgerOptions.defaults());
            }

            @Override
            public void writeLedgerWithoutFingerprints(String version, List<MigrationDefinition> applied) {
                Map<String, Object> ledger = new LinkedHashMap<>();
                ledger.put("format", "smartmigration-ledger");
                ledger.put("formatVersion", 1);
                ledger.put("writeId", "written-by-an-older-release");
                ledger.put("version", version);
                ledger.put("history", appliedWithoutFingerprints(applied,
                        "2026-06-01T08:00:00Z"));
                ledger.put("checkpoints", List.of());
                ledger.put("freshInstall", null);
                ledger.put("lock", null);
                String json;
                try {
                    json = new ObjectMapper().writeValueAsString(ledger);
                } catch (JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
                s3.putObject(b -> b.bucket(server.bucket()).key(S3Ledger.KEY_PREFIX + ledgerName + ".json")
                        .contentType("application/json").metadata(Map.of("smartmigration-format",
                                "smartmigration-ledger/1", "smartmigration-version", version)),
                        RequestBody.fromString(json));
            }
        };
    }

    @Override
    Store store() {
        return store;
    }
}
