/**
 * An application that keeps its data and its migration ledger in MongoDB, with no AWS SDK on its class path.
 */
package dev.smartmigration.examples.mongoonly;
