package dev.smartmigration.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * What the server extensions share: each hands out values by type, as parameters and as {@link TestResource}
 * fields filled before each test.
 */
abstract class ResourceExtension implements ParameterResolver, BeforeEachCallback {

    /** Every type a {@link TestResource} field may have, by the extension that provides it. */
    private static final Map<String, String> PROVIDERS = Map.of(
            "dev.smartmigration.testing.MongoTestServer", "MongoTestServerExtension",
            "com.mongodb.client.MongoClient", "MongoTestServerExtension",
            "com.mongodb.client.MongoDatabase", "MongoTestServerExtension",
            "dev.smartmigration.testing.S3TestServer", "S3TestServerExtension",
            "software.amazon.awssdk.services.s3.S3Client", "S3TestServerExtension",
            "dev.smartmigration.testing.TestBucket", "S3TestServerExtension");

    /**
     * {@return what each type this extension provides resolves to, computed only when asked for}
     *
     * @param context the context of the parameter or test
     */
    abstract Map<Class<?>, Supplier<Object>> values(ExtensionContext context);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return values(context).containsKey(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return values(context).get(parameter.getParameter().getType()).get();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Map<Class<?>, Supplier<Object>> values = values(context);
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Class<?> c = instance.getClass(); c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (field.isAnnotationPresent(TestResource.class)) {
                        inject(instance, field, values);
                    }
                }
            }
        }
    }

    private void inject(Object instance, Field field, Map<Class<?>, Supplier<Object>> values) {
        String provider = PROVIDERS.get(field.getType().getName());
        if (provider == null || Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())) {
            throw new ExtensionConfigurationException("@TestResource field " + field + " must be a non-static, "
                    + "non-final field of one of the types " + PROVIDERS.keySet());
        }
        if (!provider.equals(getClass().getSimpleName())) {
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
