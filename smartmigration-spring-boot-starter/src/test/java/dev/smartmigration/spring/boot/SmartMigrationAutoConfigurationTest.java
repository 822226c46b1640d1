package dev.smartmigration.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import dev.smartmigration.runtime.LedgerBackend;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.StepResult;
import dev.smartmigration.spring.boot.SmartMigrationProperties.Mode;
import dev.smartmigration.spring.boot.SmartMigrationProperties.RunAt;
import dev.smartmigration.testing.S3TestServer;
import dev.smartmigration.testing.S3TestServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.Order;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The auto-configuration's conditions, and how the properties, customizers and strategy shape the migration. */
@ExtendWith(S3TestServerExtension.class)
class SmartMigrationAutoConfigurationTest extends UsersContextTest {

    @Test
    void withoutAStoreClient_backsOff() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SmartMigrationAutoConfiguration.class))
                .withBean(MigrationChain.class, Boot::usersChain)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(SmartMigrationInitializer.class);
                    assertThat(context).doesNotHaveBean(MigrationConfig.class);
                });
    }

    @Test
    void enabledFalse_leavesNoSmartMigrationBean_andMigratesNothing() {
        runner.withPropertyValues("smartmigration.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(MongoClient.class);
            assertThat(context).doesNotHaveBean(SmartMigrationInitializer.class);
            assertThat(context).doesNotHaveBean(SmartMigrationProperties.class);
            assertThat(db.getCollection("users").countDocuments()).isZero();
        });
    }

    @Test
    void mongoClientBean_migratesToTheChainsEnd_inBootsDatabase_whileTheContextStarts() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            SmartMigrationInitializer initializer = context.getBean(SmartMigrationInitializer.class);
            MigrationResult result = initializer.result().orElseThrow();
            assertThat(result.targetVersion()).isEqualTo("1.2.0");
            assertThat(result.stepsApplied()).extracting(StepResult::id).containsExactly("create-users", "add-emails");
            assertThat(db.getCollection("users").find().first())
                    .containsEntry("email", "ada@example.com");
            MigrationConfig config = context.getBean(MigrationConfig.class);
            assertThat(config.mongoDatabase()).contains(db.getName());
            assertThat(config.ledgerBackend()).isEqualTo(LedgerBackend.MONGO);
            assertThat(MigrationRuntime.currentVersion(config)).contains("1.2.0");
        });
    }

    @Test
    void targetVersionProperty_holdsTheDataAtAnEarlierVersion() {
        runner.withPropertyValues("smartmigration.target-version=1.1.0").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(SmartMigrationInitializer.class).result().orElseThrow().stepsApplied())
                    .extracting(StepResult::id).containsExactly("create-users");
            assertThat(db.getCollection("users").find().first()).doesNotContainKey("email");
        });
    }

    @Test
    void properties_becomeTheConfiguration() {
        runner.withPropertyValues("smartmigration.ledger-name=orders", "smartmigration.lock-wait=5s",
                "smartmigration.lock-ttl=2m", "smartmigration.owner=web-7", "smartmigration.fail-if-ahead-of-target=true",
                "smartmigration.fresh-install-version=1.2.0", "smartmigration.mongo.ledger-collection=ledgers",
                "smartmigration.mongo.database=" + db.getName() + "_other", "smartmigration.mode=off",
                "smartmigration.run-at=application-runner").run(context -> {
                    assertThat(context).hasNotFailed();
                    MigrationConfig config = context.getBean(MigrationConfig.class);
                    assertThat(config.ledgerName()).isEqualTo("orders");
                    assertThat(config.lockWait()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(config.lockTtl()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(config.owner()).isEqualTo("web-7");
                    assertThat(config.failIfAheadOfTarget()).isTrue();
                    assertThat(config.freshInstallVersion()).contains("1.2.0");
                    assertThat(config.mongoLedgerCollection()).isEqualTo("ledgers");
                    assertThat(config.mongoDatabase()).contains(db.getName() + "_other");
                    SmartMigrationInitializer initializer = context.getBean(SmartMigrationInitializer.class);
                    assertThat(initializer.mode()).isEqualTo(Mode.OFF);
                    assertThat(initializer.runAt()).isEqualTo(RunAt.APPLICATION_RUNNER);
                });
    }

    @Test
    void defaults_areTheRuntimes() {
        runner.withPropertyValues("smartmigration.mode=off").run(context -> {
            MigrationConfig config = context.getBean(MigrationConfig.class);
            assertThat(config.ledgerName()).isEqualTo(MigrationConfig.DEFAULT_LEDGER_NAME);
            assertThat(config.lockWait()).isEqualTo(MigrationConfig.DEFAULT_LOCK_WAIT);
            assertThat(config.lockTtl()).isEqualTo(MigrationConfig.DEFAULT_LOCK_TTL);
            assertThat(config.mongoLedgerCollection()).isEqualTo(MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION);
            assertThat(config.owner()).isEqualTo(MigrationConfig.defaultOwner());
            assertThat(config.failIfAheadOfTarget()).isFalse();
            assertThat(config.freshInstallVersion()).isEmpty();
        });
    }

    @Test
    void customizers_runInOrderAfterTheProperties_andTheStrategyMigrates() {
        List<String> calls = new ArrayList<>();
        runner.withPropertyValues("smartmigration.owner=from-properties")
                .withBean("second", SmartMigrationConfigCustomizer.class, () -> new Second(calls))
                .withBean("first", SmartMigrationConfigCustomizer.class, () -> new First(calls))
                .withBean(SmartMigrationStrategy.class, () -> config -> {
                    calls.add("strategy " + config.owner());
                    return MigrationRuntime.run(config);
                })
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(calls).containsExactly("first", "second", "strategy from-customizer");
                    assertThat(context.getBean(MigrationConfig.class).lockWait()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(db.getCollection("users").countDocuments()).isEqualTo(1);
                });
    }

    @Test
    void applicationsOwnInitializer_replacesTheAutoConfigured() {
        runner.withBean("custom", SmartMigrationInitializer.class,
                        () -> new SmartMigrationInitializer(MigrationConfig.builder().targetVersion("1.1.0")
                                .mongo(mongo.client(), db.getName()).chain(Boot.usersChain()).build(),
                                MigrationRuntime::run))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(SmartMigrationInitializer.class);
                    assertThat(context).hasBean("custom");
                    assertThat(MigrationRuntime.currentVersion(context.getBean("custom", SmartMigrationInitializer.class)
                            .config())).contains("1.1.0");
                });
    }

    @Test
    @Tag("s3")
    void s3ClientBeanAndBucket_withoutMongo_keepTheLedgerInS3(S3TestServer s3) {
        String ledger = S3TestServer.uniqueName("boot");
        MigrationChain chain = MigrationChain.builder()
                .step("write-readme").from("1.0.0").to("1.1.0")
                .up(ctx -> ctx.s3().putObject(b -> b.bucket(ctx.bucket()).key(ledger + "/README"),
                        RequestBody.fromString("migrated")))
                .build();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SmartMigrationAutoConfiguration.class))
                .withBean(S3Client.class, s3::client, Boot::notClosedByContext)
                .withBean(MigrationChain.class, () -> chain)
                .withPropertyValues("smartmigration.s3.bucket=" + s3.bucket(), "smartmigration.ledger-name=" + ledger)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    MigrationConfig config = context.getBean(MigrationConfig.class);
                    assertThat(config.ledgerBackend()).isEqualTo(LedgerBackend.S3);
                    assertThat(config.mongoClient()).isEmpty();
                    assertThat(MigrationRuntime.currentVersion(config)).contains("1.1.0");
                    assertThat(s3.client().getObjectAsBytes(b -> b.bucket(s3.bucket()).key(ledger + "/README"))
                            .asUtf8String()).isEqualTo("migrated");
                });
    }

    @Test
    @Tag("s3")
    void bothStores_mongoHoldsTheLedgerByDefault_andLedgerBackendMovesIt(S3TestServer s3) {
        String ledger = S3TestServer.uniqueName("both");
        ApplicationContextRunner both = runner.withBean(S3Client.class, s3::client, Boot::notClosedByContext)
                .withPropertyValues("smartmigration.s3.bucket=" + s3.bucket(), "smartmigration.ledger-name=" + ledger,
                        "smartmigration.mode=off");
        both.run(context -> assertThat(context.getBean(MigrationConfig.class).ledgerBackend())
                .isEqualTo(LedgerBackend.MONGO));
        both.withPropertyValues("smartmigration.ledger-backend=s3", "smartmigration.mode=run").run(context -> {
            assertThat(context).hasNotFailed();
            MigrationConfig config = context.getBean(MigrationConfig.class);
            assertThat(config.ledgerBackend()).isEqualTo(LedgerBackend.S3);
            assertThat(config.mongoDatabase()).contains(db.getName());
            assertThat(MigrationRuntime.currentVersion(config)).contains("1.2.0");
            assertThat(db.getCollection(MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION).countDocuments()).isZero();
        });
    }

    @Test
    void mongoEnabledFalse_withoutS3_failsTheStartUpWithNoResources() {
        runner.withPropertyValues("smartmigration.mongo.enabled=false").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("[smartmigration:NO_RESOURCES]");
            assertThat(db.getCollection("users").countDocuments()).isZero();
        });
    }

    @Test
    void withoutAChainBean_theGeneratedChainIsRequired_exceptInModeOff() {
        ApplicationContextRunner noChain = new ApplicationContextRunner()
                .withConfiguration(Boot.mongoAndSmartMigration())
                .withPropertyValues(Boot.mongoProperties(mongo, db.getName()));
        noChain.run(context -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("[smartmigration:CHAIN_NOT_FOUND]"));
        noChain.withPropertyValues("smartmigration.mode=off").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(MigrationConfig.class).targetVersion()).isEmpty();
        });
    }

    @Order(1)
    private record First(List<String> calls) implements SmartMigrationConfigCustomizer {
        @Override
        public void customize(MigrationConfig.Builder builder) {
            calls.add("first");
            builder.owner("from-customizer");
        }
    }

    @Order(2)
    private record Second(List<String> calls) implements SmartMigrationConfigCustomizer {
        @Override
        public void customize(MigrationConfig.Builder builder) {
            calls.add("second");
            builder.lockWait(Duration.ofSeconds(1));
        }
    }
}
