package dev.j8s.apiserver.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodContainersTest {

    private static JsonNode pod(String spec) throws Exception {
        return Json.parse(("{\"metadata\":{\"name\":\"web\"},\"spec\":" + spec + "}").getBytes());
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("{\"containers\":[{\"name\":\"a\"},{\"name\":\"b\"}]}", null,
                        "a container name must be specified for pod web, choose one of: [a b]"),
                Arguments.of("{\"containers\":[{\"name\":\"a\"},{\"name\":\"b\"}],\"initContainers\":[{\"name\":\"i\"}]}",
                        "", "a container name must be specified for pod web, choose one of: [a b] or one of the "
                                + "init containers: [i]"),
                Arguments.of("{\"containers\":[{\"name\":\"a\"}]}", "x", "container x is not valid for pod web"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void unclearContainersAreBadRequests(String spec, String requested, String message) throws Exception {
        JsonNode pod = pod(spec);
        assertThatThrownBy(() -> PodContainers.choose(pod, requested)).isInstanceOf(ApiException.class)
                .hasMessage(message).satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(400));
    }

    @Test
    void aSingleContainerIsTheDefaultAndInitContainersCanBeNamed() throws Exception {
        assertThat(PodContainers.choose(pod("{\"containers\":[{\"name\":\"a\"}]}"), null)).isEqualTo("a");
        assertThat(PodContainers.choose(pod("{\"containers\":[{\"name\":\"a\"}],\"initContainers\":[{\"name\":\"i\"}]}"),
                "i")).isEqualTo("i");
    }

    @Test
    void waitingReasonComesFromTheContainerStatus() throws Exception {
        JsonNode pod = Json.parse(("{\"status\":{\"containerStatuses\":[{\"name\":\"a\",\"state\":{\"waiting\":"
                + "{\"reason\":\"ImagePullBackOff\"}}},{\"name\":\"b\",\"state\":{\"running\":{}}}]}}").getBytes());
        assertThat(PodContainers.waitingReason(pod, "a")).isEqualTo("ImagePullBackOff");
        assertThat(PodContainers.waitingReason(pod, "b")).isNull();
        assertThat(PodContainers.waitingReason(pod, "c")).isEqualTo("ContainerCreating");
    }
}
