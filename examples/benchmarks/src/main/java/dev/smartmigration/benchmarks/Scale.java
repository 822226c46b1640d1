package dev.smartmigration.benchmarks;

/**
 * How big and how long: the full run measures for real; the smoke run only proves every benchmark still works.
 *
 * @param smoke          whether this is the smoke run
 * @param chainSteps     steps in the generated chain of the chain-loading, processor and boot-storm benchmarks
 * @param mongockSteps   migrations in the Mongock comparison
 * @param rounds         whole-process rounds per side (each side alternates with its baseline)
 * @param stormInstances instances in the boot storm
 * @param compileRounds  measured compilations per variant in the processor benchmark
 * @param jmhForks       JMH forks per benchmark method
 * @param jmhWarmups     JMH warm-up iterations of one second
 * @param jmhIterations  JMH measured iterations of one second
 * @param longHistory    entries in the ledger's history for the no-op benchmark's second case
 * @param fleetTenants   tenants in the fleet benchmarks
 * @param fleetRounds    rounds of the fleet scale-out (each runs the fleet with 1, 2 and 4 instances)
 * @param fleetStepMillis how long each fleet step waits after its insert, standing for a remote store's work
 * @param fleetLargeTenants tenants in the second no-op fleet boot
 * @param largeDocuments documents the large-data benchmark updates
 * @param largeObjects   objects the large-data benchmark copies
 * @param largeRounds    measured rounds of each large-data variant (after one warm-up)
 */
record Scale(boolean smoke, int chainSteps, int mongockSteps, int rounds, int stormInstances, int compileRounds,
             int jmhForks, int jmhWarmups, int jmhIterations, int longHistory, int fleetTenants, int fleetRounds,
             int fleetStepMillis, int fleetLargeTenants, int largeDocuments, int largeObjects, int largeRounds) {

    /**
     * @return the real measurement: 1,000 steps, 100 Mongock migrations, 16 instances, 1,000 and 10,000 tenants,
     *         20,000 documents (the embedded MongoDB scans for each batch's query; give more with
     *         --large-documents)
     */
    static Scale fullRun() {
        return new Scale(false, 1000, 100, 7, 16, 15, 3, 3, 5, 1000, 1000, 3, 20, 10_000, 20_000, 5_000, 3);
    }

    /** @return about a second per benchmark: small sizes, one round, no warm-up */
    static Scale smokeRun() {
        return new Scale(true, 100, 20, 1, 2, 1, 1, 0, 1, 100, 20, 1, 1, 40, 2_000, 100, 1);
    }

    /**
     * @param documents documents for the large-data benchmark
     * @return this scale with that many
     */
    Scale withLargeDocuments(int documents) {
        return new Scale(smoke, chainSteps, mongockSteps, rounds, stormInstances, compileRounds, jmhForks, jmhWarmups,
                jmhIterations, longHistory, fleetTenants, fleetRounds, fleetStepMillis, fleetLargeTenants, documents,
                largeObjects, largeRounds);
    }

    /**
     * @param measured measured rounds of each large-data variant
     * @return this scale with that many
     */
    Scale withLargeRounds(int measured) {
        return new Scale(smoke, chainSteps, mongockSteps, rounds, stormInstances, compileRounds, jmhForks, jmhWarmups,
                jmhIterations, longHistory, fleetTenants, fleetRounds, fleetStepMillis, fleetLargeTenants,
                largeDocuments, largeObjects, measured);
    }
}
