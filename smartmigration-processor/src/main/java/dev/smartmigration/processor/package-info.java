/**
 * The annotation processor that checks the {@code @Migration} chain and generates
 * {@code GeneratedMigrationChain}. Only {@link dev.smartmigration.processor.MigrationProcessor} is public:
 * the scanner, validator, messages and writer behind it may change in any release.
 */
package dev.smartmigration.processor;
