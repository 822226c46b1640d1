/**
 * A SaaS application with a MongoDB database per tenant: every instance migrates the fleet at start-up, and
 * instances booting together share the tenants.
 */
package dev.smartmigration.examples.fleet;
