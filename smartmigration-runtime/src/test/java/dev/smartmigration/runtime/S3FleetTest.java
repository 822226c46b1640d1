package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.internal.ledger.Ledger;
import dev.smartmigration.runtime.internal.ledger.s3.ConditionalWriteProbes;
import dev.smartmigration.runtime.internal.ledger.s3.S3Ledger;
import dev.smartmigration.testing.S3TestServer;
import dev.smartmigration.testing.S3TestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link MigrationRuntime#runFleet} with tenants as key prefixes of one bucket, each with its S3 ledger under its
 * prefix, through the real AWS SDK against S3Proxy made atomic like Amazon S3 (or
 * {@code SMARTMIGRATION_TEST_S3_ENDPOINT}). Each test has its own root prefix in the shared bucket.
 */
@Tag("s3")
@ExtendWith(S3TestServerExtension.class)
class S3FleetTest {

    @TestResource private S3TestServer server;
    @TestResource private S3Client s3;
    private String root;
    private FleetScenarios scenarios;

    @BeforeEach
    void newFleet() {
        root = S3TestServer.uniqueName("fleet") + "/";
        scenarios = new FleetScenarios(new FleetScenarios.Store() {
            @Override
            public MigrationConfig.Builder stores(String tenant) {
                return MigrationConfig.builder().s3(s3, server.bucket(), prefix(tenant));
            }

            @Override
            public String where(MigrationContext ctx) {
                return ctx.keyPrefix();
            }

            @Override
            public String whereOf(String tenant) {
                return prefix(tenant);
            }

            @Override
            public Duration ttl() {
                return Duration.ofSeconds(3);
            }

            @Override
            public Ledger ledger(String tenant) {
                return new S3Ledger(s3, server.bucket(), prefix(tenant), MigrationConfig.DEFAULT_LEDGER_NAME,
                        S3LedgerOptions.defaults(), new ConditionalWriteProbes());
            }
        });
    }

    private String prefix(String tenant) {
        return root + tenant + "/";
    }

    private boolean exists(String key) {
        return s3.listObjectsV2(b -> b.bucket(server.bucket()).prefix(key)).contents().stream()
                .anyMatch(o -> o.key().equals(key));
    }

    @Test
    void tenPrefixes_eachMigratedOnce_andStepsSeeTheirTenantAndPrefix() {
        scenarios.everyTenantMigrated_eachStepOncePerTenant_seeingItsOwnStores(FleetScenarios.tenants("t", 10));
    }

    @Test
    void stepEditedAfterEveryTenantAppliedIt_isReportedPerTenant_warnedOrFailedAsConfigured() {
        scenarios.editedStep_isFoundInEveryTenant_throughTheFleetsSharedDigests(FleetScenarios.tenants("t", 3));
    }

    @Test
    void oneTenantsStepFails_theOthersReachTheTarget_andFleetFailedNamesIt() {
        scenarios.oneTenantFails_othersReachTheTarget_andTheFailureIsNamed(FleetScenarios.tenants("t", 5));
    }

    @Test
    void tenantHeldByAnotherInstance_isPassedOver_thenReportedFinishedByIt() throws Exception {
        scenarios.heldTenant_isPassedOver_andWaitedForAtTheEnd(FleetScenarios.tenants("t", 4));
    }

    @Test
    void tenantOfADeadInstance_isTakenOverAtTheEnd_onceItsLeaseExpires() {
        scenarios.deadHoldersTenant_isTakenOverOnceItsLeaseExpires(FleetScenarios.tenants("t", 3));
    }

    @Test
    void twoTenantsConfiguredOntoOnePrefix_theSecondIsRefused() {
        scenarios.twoTenantsOnOneLedger_theSecondFailsWithInvalidOptions(FleetScenarios.tenants("t", 1));
    }

    @Test
    void dryRun_plansEveryTenant_andWritesNothing() {
        scenarios.dryRun_plansEveryTenant_andWritesNothing(FleetScenarios.tenants("t", 3));
        assertFalse(s3.listObjectsV2(b -> b.bucket(server.bucket()).prefix(root)).hasContents(), "nothing written");
    }

    @Test
    void tenantLedgersLiveUnderTheirPrefix_andFreshInstallLooksOnlyThere() {
        s3.putObject(b -> b.bucket(server.bucket()).key(prefix("acme") + "users/1.json"), RequestBody.fromString("{}"));
        String sibling = S3TestServer.uniqueName("sibling") + "/";
        s3.putObject(b -> b.bucket(server.bucket()).key(sibling + "data.json"), RequestBody.fromString("{}"));
        String bucket = server.bucket();
        MigrationChain chain = scenarios.chain();
        FleetConfig fleet = FleetConfig.builder()
            .tenants(Tenants.s3Prefixes(s3, bucket, root))        // <root>acme/... -> tenant "acme"
            .config(tenant -> MigrationConfig.builder().targetVersion("2.0.0")
                .s3(s3, bucket, root + tenant + "/")              // the tenant's data, and its ledger under .smartmigration/
                .freshInstallVersion("2.0.0")                     // an empty prefix is stamped, whatever the bucket holds
                .chain(chain).build())
            .build();
        FleetConfig named = FleetConfig.builder().tenants(List.of("acme", "newco"))
                .config(t -> fleet.config(t)).build();

        assertEquals(List.of("acme"), fleet.tenants(), "a tenant without objects has no prefix yet");
        FleetResult result = MigrationRuntime.runFleet(named);

        MigrationResult acme = result.tenants().get(0).result().orElseThrow();
        MigrationResult newco = result.tenants().get(1).result().orElseThrow();
        assertEquals(3, acme.stepsApplied().size(), "acme holds data under its prefix: every step ran");
        assertFalse(acme.wasFreshInstall());
        assertTrue(newco.wasFreshInstall(), "newco's prefix is empty, whatever the rest of the bucket holds");
        assertEquals(List.of(), newco.stepsApplied());
        for (String t : List.of("acme", "newco")) {
            assertTrue(exists(prefix(t) + ".smartmigration/smartmigration.json"), t);
        }
        assertEquals(List.of("acme", "newco"), fleet.tenants(), "newco's ledger now marks its prefix");
        assertEquals(2, MigrationRuntime.infoFleet(fleet).withStatus(TargetStatus.AT_TARGET).size());
    }

    @Test
    void wholeFleetOnOneBucket_probesTheStoreOnce() {
        List<String> tenants = FleetScenarios.tenants("t", 8);
        List<String> probeKeys = new CopyOnWriteArrayList<>();
        S3Client counted = server.client(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                SdkRequest request = context.request();
                request.getValueForField("Key", String.class).filter(k -> k.endsWith(".probe"))
                        .ifPresent(probeKeys::add);
            }
        });

        FleetResult result = MigrationRuntime.runFleet(FleetConfig.builder().tenants(tenants).parallelism(4)
                .config(t -> MigrationConfig.builder().targetVersion("2.0.0").s3(counted, server.bucket(), prefix(t))
                        .chain(scenarios.chain()).build()).build());

        assertEquals(tenants.size(), result.count(TenantOutcome.MIGRATED), result.toString());
        Set<String> probed = Set.copyOf(probeKeys);
        assertEquals(1, probed.size(), "one probe object for the fleet: " + probed);
        assertTrue(probeKeys.size() <= 8, "one probe's requests (3-5 PUTs and the reads that settle them), not one "
                + "per tenant: " + probeKeys.size());
    }

    @Test
    void currentFleet_costsOneHeadObjectPerTenant_andNothingElse() {
        List<String> tenants = FleetScenarios.tenants("t", 10);
        MigrationRuntime.runFleet(scenarios.fleet(tenants, scenarios.chain()).build());
        List<String> requests = new CopyOnWriteArrayList<>();
        S3Client counted = server.client(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                SdkRequest request = context.request();
                requests.add(request.getClass().getSimpleName() + " "
                        + request.getValueForField("Key", String.class).orElse(""));
            }
        });

        FleetResult result = MigrationRuntime.runFleet(FleetConfig.builder().tenants(tenants).parallelism(4)
                .config(t -> MigrationConfig.builder().targetVersion("2.0.0").s3(counted, server.bucket(), prefix(t))
                        .chain(scenarios.chain()).build()).build());

        assertEquals(tenants.size(), result.count(TenantOutcome.UP_TO_DATE), result.toString());
        assertEquals(tenants.stream().map(t -> "HeadObjectRequest " + prefix(t) + ".smartmigration/smartmigration.json")
                .collect(Collectors.toSet()), Set.copyOf(requests));
        assertEquals(tenants.size(), requests.size());
    }
}
