/**
 * The quickstart: three migrations that take a {@code users} collection from data version 1.0.0 to 1.3.0.
 *
 * <p>Compiling this package runs the smartmigration annotation processor, which checks that the steps form
 * one chain and generates {@code GeneratedMigrationChain} next to them.
 */
package dev.smartmigration.examples.quickstart;
