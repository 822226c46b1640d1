package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import dev.smartmigration.runtime.internal.ledger.Ledger;
import dev.smartmigration.runtime.internal.ledger.mongo.MongoLedger;
import dev.smartmigration.testing.MongoTestServer;
import dev.smartmigration.testing.MongoTestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link MigrationRuntime#runFleet} and {@link MigrationRuntime#infoFleet} with a database per tenant on one MongoDB
 * client, through the real driver against mongo-java-server (or {@code SMARTMIGRATION_TEST_MONGODB_URI}).
 */
@ExtendWith(MongoTestServerExtension.class)
class FleetTest {

    @TestResource private MongoTestServer server;
    @TestResource private MongoClient client;
    private String base;
    private final List<String> databases = new ArrayList<>();
    private FleetScenarios scenarios;

    @BeforeEach
    void newFleet() {
        base = server.newDatabaseName();
        scenarios = new FleetScenarios(new FleetScenarios.Store() {
            @Override
            public MigrationConfig.Builder stores(String tenant) {
                return MigrationConfig.builder().mongo(client, database(tenant));
            }

            @Override
            public String where(MigrationContext ctx) {
                return ctx.mongo().getName();
            }

            @Override
            public String whereOf(String tenant) {
                return database(tenant);
            }

            @Override
            public Duration ttl() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Ledger ledger(String tenant) {
                return new MongoLedger(client.getDatabase(database(tenant)),
                        MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION, MigrationConfig.DEFAULT_LEDGER_NAME);
            }
        });
    }

    /** On a real server the tenants' databases are this test's to drop (the server drops only its own names). */
    @AfterEach
    void dropTenantDatabases() {
        if (!server.isEmbedded()) {
            databases.forEach(db -> client.getDatabase(db).drop());
        }
    }

    private String database(String tenant) {
        String name = base + "_" + tenant;
        synchronized (databases) {
            if (!databases.contains(name)) {
                databases.add(name);
            }
        }
        return name;
    }

    @Test
    void tenDatabases_eachMigratedOnce_andStepsSeeTheirTenantAndDatabase() {
        scenarios.everyTenantMigrated_eachStepOncePerTenant_seeingItsOwnStores(FleetScenarios.tenants("t", 10));
    }

    @Test
    void stepEditedAfterEveryTenantAppliedIt_isReportedPerTenant_warnedOrFailedAsConfigured() {
        scenarios.editedStep_isFoundInEveryTenant_throughTheFleetsSharedDigests(FleetScenarios.tenants("t", 4));
    }

    @Test
    void oneTenantsStepFails_theOthersReachTheTarget_andFleetFailedNamesIt() {
        scenarios.oneTenantFails_othersReachTheTarget_andTheFailureIsNamed(FleetScenarios.tenants("t", 6));
    }

    @Test
    void tenantHeldByAnotherInstance_isPassedOver_thenReportedFinishedByIt() throws Exception {
        scenarios.heldTenant_isPassedOver_andWaitedForAtTheEnd(FleetScenarios.tenants("t", 4));
    }

    @Test
    void tenantOfADeadInstance_isTakenOverAtTheEnd_onceItsLeaseExpires() {
        scenarios.deadHoldersTenant_isTakenOverOnceItsLeaseExpires(FleetScenarios.tenants("t", 4));
    }

    @Test
    void twoTenantsConfiguredOntoOneDatabase_theSecondIsRefused() {
        scenarios.twoTenantsOnOneLedger_theSecondFailsWithInvalidOptions(FleetScenarios.tenants("t", 1));
    }

    @Test
    void dryRun_plansEveryTenant_andWritesNothing() {
        scenarios.dryRun_plansEveryTenant_andWritesNothing(FleetScenarios.tenants("t", 3));
    }

    @Test
    void currentFleet_costsOneVersionReadPerTenant_andNothingElse() {
        List<String> tenants = FleetScenarios.tenants("t", 12);
        MigrationChain chain = scenarios.chain();
        MigrationRuntime.runFleet(scenarios.fleet(tenants, chain).build());
        List<String> sent = new CopyOnWriteArrayList<>();
        MongoClient watched = server.newClient(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                sent.add(event.getCommandName() + " " + event.getDatabaseName() + " "
                        + event.getCommand().get(event.getCommandName()).asString().getValue());
            }
        });

        FleetResult result = MigrationRuntime.runFleet(FleetConfig.builder().tenants(tenants).parallelism(4)
                .config(t -> MigrationConfig.builder().mongo(watched, database(t)).targetVersion("2.0.0")
                        .chain(chain).build()).build());

        assertEquals(tenants.size(), result.count(TenantOutcome.UP_TO_DATE), result.toString());
        List<String> expected = tenants.stream()
                .map(t -> "find " + database(t) + " " + MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION).sorted()
                .toList();
        assertEquals(expected, sent.stream().sorted().toList());
    }

    @Test
    void tenantsOfAPrefix_areFoundOnTheClient_andListedAgainAtEveryCall() {
        for (String t : List.of("acme", "globex")) {
            client.getDatabase(database(t)).getCollection("users").insertOne(new Document("name", t));
        }
        client.getDatabase(server.newDatabaseName()).getCollection("other").insertOne(new Document());
        AtomicInteger listings = new AtomicInteger();
        FleetConfig fleet = FleetConfig.builder()
                .tenants(() -> {
                    listings.incrementAndGet();
                    return Tenants.mongoDatabases(client, base + "_").get();
                })
                .config(t -> MigrationConfig.builder().targetVersion("2.0.0").mongo(client, database(t))
                        .chain(scenarios.chain()).build())
                .build();

        FleetResult first = MigrationRuntime.runFleet(fleet);
        assertEquals(List.of("acme", "globex"), first.tenants().stream().map(TenantResult::tenant).toList());

        client.getDatabase(database("initech")).getCollection("users").insertOne(new Document());
        FleetResult second = MigrationRuntime.runFleet(fleet);
        assertEquals(Map.of("acme", TenantOutcome.UP_TO_DATE, "globex", TenantOutcome.UP_TO_DATE,
                "initech", TenantOutcome.MIGRATED), second.tenants().stream()
                .collect(Collectors.toMap(TenantResult::tenant, TenantResult::outcome)));
        assertEquals(2, listings.get());
        assertEquals(3, MigrationRuntime.infoFleet(fleet).countsByVersion().get("2.0.0"));
        assertEquals(3, listings.get());
    }

    @Test
    void infoFleet_reportsEachTenantsVersionTheLockHeldAndAnUnreadableLedger() {
        List<String> tenants = FleetScenarios.tenants("t", 4);
        MigrationChain chain = scenarios.chain();
        MigrationRuntime.runFleet(FleetConfig.builder().tenants(tenants.subList(0, 2))
                .config(t -> scenarios.fleet(tenants, chain).build().config(t)).build());
        Ledger third = new MongoLedger(client.getDatabase(database(tenants.get(2))),
                MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION, MigrationConfig.DEFAULT_LEDGER_NAME);
        third.tryAcquire("busy-instance", Duration.ofMinutes(5)).orElseThrow();
        client.getDatabase(database(tenants.get(3))).getCollection(MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION)
                .insertOne(new Document("_id", MigrationConfig.DEFAULT_LEDGER_NAME).append("foreign", true));

        FleetInfo info = MigrationRuntime.infoFleet(scenarios.fleet(tenants, chain).build());

        assertEquals(tenants, info.tenants().stream().map(TenantInfo::tenant).toList());
        assertEquals(Map.of("2.0.0", 2), info.countsByVersion());
        assertEquals(List.of(tenants.get(2)), info.newLedgers().stream().map(TenantInfo::tenant).toList());
        assertEquals(List.of(tenants.get(2)), info.locked().stream().map(TenantInfo::tenant).toList());
        assertEquals("busy-instance", info.locked().get(0).info().orElseThrow().lock().orElseThrow().owner());
        assertEquals(List.of(tenants.get(3)), info.unreadable().stream().map(TenantInfo::tenant).toList());
        assertEquals(ErrorCode.LEDGER_CORRUPT, info.unreadable().get(0).error().orElseThrow().code());
        assertEquals(2, info.withStatus(TargetStatus.AT_TARGET).size());
    }

    @Test
    void unreadableTenantLedger_failsThatTenantOnly() {
        List<String> tenants = FleetScenarios.tenants("t", 3);
        client.getDatabase(database(tenants.get(0))).getCollection(MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION)
                .insertOne(new Document("_id", MigrationConfig.DEFAULT_LEDGER_NAME).append("foreign", true));

        FleetResult result = MigrationRuntime.runFleet(scenarios.fleet(tenants, scenarios.chain())
                .failurePolicy(FleetConfig.FailurePolicy.REPORT).build());

        assertEquals(ErrorCode.LEDGER_CORRUPT, result.tenants().get(0).error().orElseThrow().code());
        assertEquals(2, result.count(TenantOutcome.MIGRATED));
        assertEquals("2 migrated, 1 failed", result.summary());
    }

    @Test
    void configFunctionThrowingForOneTenant_failsThatTenantWithInvalidOptions() {
        List<String> tenants = FleetScenarios.tenants("t", 3);
        FleetConfig fleet = FleetConfig.builder().tenants(tenants).failurePolicy(FleetConfig.FailurePolicy.REPORT)
                .config(t -> {
                    if (t.equals(tenants.get(1))) {
                        throw new IllegalArgumentException("no database for " + t);
                    }
                    return scenarios.fleet(tenants, scenarios.chain()).build().config(t);
                })
                .build();

        FleetResult result = MigrationRuntime.runFleet(fleet);

        SmartMigrationException e = result.tenants().get(1).error().orElseThrow();
        assertEquals(ErrorCode.INVALID_OPTIONS, e.code());
        assertTrue(e.getMessage().contains("no database for t1"), e.getMessage());
        assertEquals(2, result.count(TenantOutcome.MIGRATED));
    }

    @Test
    void tenantSupplierReturningADuplicate_failsTheCallBeforeAnyTenantRuns() {
        FleetConfig fleet = FleetConfig.builder().tenants(() -> List.of("a", "b", "a"))
                .config(t -> {
                    throw new AssertionError("tenant " + t + " was configured");
                }).build();

        SmartMigrationException e = assertThrows(SmartMigrationException.class, () -> MigrationRuntime.runFleet(fleet));

        assertEquals(ErrorCode.INVALID_OPTIONS, e.code());
        assertTrue(e.getMessage().contains("\"a\" twice"), e.getMessage());
    }

    @Test
    void emptyFleet_returnsAnEmptyResult() {
        FleetResult result = MigrationRuntime.runFleet(FleetConfig.builder().tenants(List.of())
                .config(t -> {
                    throw new AssertionError("tenant " + t + " was configured");
                }).build());

        assertEquals(List.of(), result.tenants());
        assertEquals("no tenants", result.summary());
    }

    @Test
    void fleetListener_getsProgressWhileItRuns_eachTenantAsItEnds_andTheResultLast_evenWhenTheCallThrows() {
        List<String> tenants = FleetScenarios.tenants("t", 3);
        CountDownLatch progressSeen = new CountDownLatch(1);
        List<MigrationEvent> seen = new CopyOnWriteArrayList<>();
        MigrationChain waitsForProgress = MigrationChain.builder()
                .step("a").from("1.0.0").to("2.0.0").up(ctx -> {
                    if (ctx.tenant().orElseThrow().equals("t0")) {
                        assertTrue(progressSeen.await(30, TimeUnit.SECONDS), "a progress event while t0 runs");
                    }
                    if (ctx.tenant().orElseThrow().equals("t2")) {
                        throw new IllegalStateException("t2 fails");
                    }
                })
                .build();
        FleetConfig fleet = FleetConfig.builder().name("orders").tenants(tenants).parallelism(2)
                .progressInterval(Duration.ofSeconds(1))
                .config(t -> MigrationConfig.builder().targetVersion("2.0.0").mongo(client, database(t))
                        .chain(waitsForProgress).build())
                .listener(event -> {
                    seen.add(event);
                    if (event instanceof MigrationEvent.FleetProgress) {
                        progressSeen.countDown();
                    }
                })
                .build();

        SmartMigrationException e = assertThrows(SmartMigrationException.class, () -> MigrationRuntime.runFleet(fleet));

        assertEquals(ErrorCode.FLEET_FAILED, e.code());
        MigrationEvent.FleetProgress progress = seen.stream().filter(MigrationEvent.FleetProgress.class::isInstance)
                .map(MigrationEvent.FleetProgress.class::cast).findFirst().orElseThrow();
        assertEquals("orders", progress.ledgerName());
        assertEquals(3, progress.tenants());
        assertTrue(progress.done() < 3, "sent while t0 still ran: " + progress);
        assertEquals(Set.of("t0", "t1", "t2"), seen.stream().filter(MigrationEvent.TenantFinished.class::isInstance)
                .map(ev -> ((MigrationEvent.TenantFinished) ev).result().tenant()).collect(Collectors.toSet()));
        MigrationEvent.FleetFinished last = (MigrationEvent.FleetFinished) seen.get(seen.size() - 1);
        assertEquals(List.of("t2"), last.result().failed().stream().map(TenantResult::tenant).toList());
        assertEquals(2, last.result().count(TenantOutcome.MIGRATED));
    }
}
