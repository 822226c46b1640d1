/**
 * The quickstart: four migrations that take a {@code users} collection and an S3 bucket from nothing to data
 * version 1.3.0, run at start-up by {@link dev.smartmigration.examples.quickstart.QuickstartApp}.
 *
 * <p>Compiling this package runs the smartmigration annotation processor, which checks that the steps form
 * one chain and generates {@code GeneratedMigrationChain} next to them.
 */
package dev.smartmigration.examples.quickstart;
