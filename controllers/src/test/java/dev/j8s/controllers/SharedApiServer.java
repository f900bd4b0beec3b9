package dev.j8s.controllers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every test class of the run the same {@link ApiServerFixture} (starting the server takes
 * seconds); JUnit closes it, and its directory is removed, when the run ends.
 */
public final class SharedApiServer implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedApiServer.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ApiServerFixture.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("server", k -> Running.start(), Running.class).fixture;
    }

    private record Running(Path dir, ApiServerFixture fixture) implements AutoCloseable {

        static Running start() {
            try {
                Path dir = Files.createTempDirectory("j8s-controllers-test");
                return new Running(dir, new ApiServerFixture(dir));
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the API server", e);
            }
        }

        @Override
        public void close() {
            fixture.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
