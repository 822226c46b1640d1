/**
 * The {@code @Migration} annotation. No dependencies.
 */
module dev.smartmigration.annotations {
    exports dev.smartmigration.annotations;
}
