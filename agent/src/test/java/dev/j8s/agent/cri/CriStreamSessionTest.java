package dev.j8s.agent.cri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.j8s.agent.runtime.RuntimeFailure;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Status a CRI streaming server ends a session with, as the exit code kubectl gets. */
class CriStreamSessionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // nothing: the connection closed (an attach detached)
        "''|0",
        "{\"metadata\":{},\"status\":\"Success\"}|0",
        "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code: exit status 7\","
                + "\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"7\"}]}}|7",
    })
    void exitCodes(String status, int code) {
        assertThat(CriStreamSession.exitCodeOf(status.getBytes(StandardCharsets.UTF_8))).isEqualTo(code);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"status\":\"Failure\",\"reason\":\"InternalError\",\"message\":\"error executing command in container: boom\"}"
                + "|error executing command in container: boom",
        "not json|unreadable status from the runtime: not json",
    })
    void failures(String status, String message) {
        assertThatThrownBy(() -> CriStreamSession.exitCodeOf(status.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RuntimeFailure.class).hasMessage(message);
    }
}
