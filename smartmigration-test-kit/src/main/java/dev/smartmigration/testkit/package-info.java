/**
 * Tests of an application's own migrations: {@link dev.smartmigration.testkit.MigrationTester} runs the chain, or
 * a step, through the runtime against the stores of smartmigration-testing's extensions (embedded MongoDB and S3,
 * or real servers named by environment variables) and checks that every step is idempotent;
 * {@link dev.smartmigration.testkit.DataSnapshot} compares what the stores hold (docs/testing.md).
 */
package dev.smartmigration.testkit;
