/**
 * An application that keeps its data and its migration ledger in S3, with no MongoDB driver on its class path.
 */
package dev.smartmigration.examples.s3only;
