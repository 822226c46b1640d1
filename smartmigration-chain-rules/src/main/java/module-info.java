/**
 * The migration chain's rules, shared by the annotation processor and the runtime. Not API.
 */
module dev.smartmigration.chainrules {
    exports dev.smartmigration.chainrules to dev.smartmigration.runtime, dev.smartmigration.processor;
}
