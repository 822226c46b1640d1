package dev.smartmigration.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Fills the {@link TestResource} fields of a test's instances, for the extensions of this package. */
final class Resources {

    /** Every type a {@link TestResource} field may have, by the extension that provides it. */
    private static final Map<String, String> PROVIDERS = Map.of(
            "dev.smartmigration.testing.MongoTestServer", "MongoTestServerExtension",
            "com.mongodb.client.MongoClient", "MongoTestServerExtension",
            "com.mongodb.client.MongoDatabase", "MongoTestServerExtension",
            "dev.smartmigration.testing.S3TestServer", "S3TestServerExtension",
            "software.amazon.awssdk.services.s3.S3Client", "S3TestServerExtension");

    private Resources() {
    }

    /**
     * @param context  the context of the test about to run
     * @param provider the calling extension's simple name
     * @param values   the calling extension's values, by field type
     */
    static void inject(ExtensionContext context, String provider, Map<Class<?>, Supplier<Object>> values) {
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Class<?> c = instance.getClass(); c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (field.isAnnotationPresent(TestResource.class)) {
                        inject(instance, field, provider, values);
                    }
                }
            }
        }
    }

    private static void inject(Object instance, Field field, String provider, Map<Class<?>, Supplier<Object>> values) {
        String owner = PROVIDERS.get(field.getType().getName());
        if (owner == null || Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())) {
            throw new ExtensionConfigurationException("@TestResource field " + field + " must be a non-static, "
                    + "non-final field of one of the types " + PROVIDERS.keySet());
        }
        if (!owner.equals(provider)) {
            return;
        }
        try {
            field.setAccessible(true);
            field.set(instance, values.get(field.getType()).get());
        } catch (IllegalAccessException | RuntimeException e) {
            throw new ExtensionConfigurationException("could not fill @TestResource field " + field, e);
        }
    }
}
