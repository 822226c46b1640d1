/** A Spring Boot application whose MongoDB and S3 data the starter migrates at start-up. */
package dev.smartmigration.examples.springboot;
