package dev.j8s.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResourcePathTest {

    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of("/api/v1/pods", new ResourcePath("", "v1", null, "pods", null, null)),
                Arguments.of("/api/v1/namespaces", new ResourcePath("", "v1", null, "namespaces", null, null)),
                Arguments.of("/api/v1/namespaces/default", new ResourcePath("", "v1", null, "namespaces", "default", null)),
                Arguments.of("/api/v1/namespaces/dev/status", new ResourcePath("", "v1", null, "namespaces", "dev", "status")),
                Arguments.of("/api/v1/namespaces/dev/finalize", new ResourcePath("", "v1", null, "namespaces", "dev", "finalize")),
                Arguments.of("/api/v1/namespaces/dev/pods", new ResourcePath("", "v1", "dev", "pods", null, null)),
                Arguments.of("/api/v1/namespaces/dev/pods/web", new ResourcePath("", "v1", "dev", "pods", "web", null)),
                Arguments.of("/api/v1/namespaces/dev/pods/web/log", new ResourcePath("", "v1", "dev", "pods", "web", "log")),
                Arguments.of("/apis/apps/v1/deployments", new ResourcePath("apps", "v1", null, "deployments", null, null)),
                Arguments.of("/apis/apps/v1/namespaces/a/deployments/b/scale",
                        new ResourcePath("apps", "v1", "a", "deployments", "b", "scale")),
                Arguments.of("/api/v1/nodes/n1/status", new ResourcePath("", "v1", null, "nodes", "n1", "status")),
                Arguments.of("/api/v1/namespaces/a/pods/b/c/d", new ResourcePath("", "v1", null, "", null, null)),
                Arguments.of("/api", null),
                Arguments.of("/apis/apps", null),
                Arguments.of("/apis/apps/v1", null),
                Arguments.of("/healthz", null));
    }

    @ParameterizedTest
    @MethodSource("paths")
    void parses(String path, ResourcePath expected) {
        assertThat(ResourcePath.parse(path)).isEqualTo(expected);
    }
}
