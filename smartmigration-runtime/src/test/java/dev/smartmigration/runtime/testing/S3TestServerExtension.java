package dev.smartmigration.runtime.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands test methods and {@code @BeforeAll} methods one {@link S3TestServer} shared by every test class of the run
 * (started on first use, closed when the run ends), so the suite starts S3Proxy once.
 *
 * <pre>{@code
 * @ExtendWith(S3TestServerExtension.class)
 * class MyTest {
 *     @BeforeAll
 *     static void start(S3TestServer server) { ... }
 * }
 * }</pre>
 */
public final class S3TestServerExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(S3TestServerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == S3TestServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("server", key -> S3TestServer.start(), S3TestServer.class);
    }
}
