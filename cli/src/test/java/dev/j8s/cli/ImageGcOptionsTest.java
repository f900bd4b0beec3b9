package dev.j8s.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.j8s.agent.images.ImageGcPolicy;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The kubelet's image GC flags on {@code j8s agent}: Go durations, defaults and validation. */
class ImageGcOptionsTest {

    static Stream<Arguments> durations() {
        return Stream.of(Arguments.of("2m0s", Duration.ofMinutes(2)), Arguments.of("0s", Duration.ZERO),
                Arguments.of("0", Duration.ZERO), Arguments.of("1h30m", Duration.ofMinutes(90)),
                Arguments.of("1.5s", Duration.ofMillis(1500)), Arguments.of("500ms", Duration.ofMillis(500)),
                Arguments.of("-1s", Duration.ofSeconds(-1)));
    }

    @ParameterizedTest
    @MethodSource("durations")
    void goDurations(String text, Duration expected) {
        assertThat(new ImageGcOptions.GoDuration().convert(text)).isEqualTo(expected);
    }

    @Test
    void notADuration() {
        assertThatThrownBy(() -> new ImageGcOptions.GoDuration().convert("2 minutes"))
                .isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> new ImageGcOptions.GoDuration().convert("5"))
                .isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void theAgentTakesTheKubeletsFlags() {
        AgentCommand agent = new AgentCommand();
        new CommandLine(agent).parseArgs("--kubeconfig", "k", "--data-dir", "d");
        assertThat(agent.runtimeOptions.imageGc.policy()).isEqualTo(ImageGcPolicy.defaults());

        agent = new AgentCommand();
        new CommandLine(agent).parseArgs("--kubeconfig", "k", "--data-dir", "d", "--image-gc-high-threshold", "1",
                "--image-gc-low-threshold", "0", "--minimum-image-ttl-duration", "0s", "--image-gc-period", "2s");
        assertThat(agent.runtimeOptions.imageGc.policy())
                .isEqualTo(new ImageGcPolicy(1, 0, Duration.ZERO, Duration.ofSeconds(2)));
    }

    @Test
    void invalidThresholdsFailTheCommandWithOneLine() {
        var err = new java.io.StringWriter();
        int code = new CommandLine(new ServerCommand())
                .setErr(new java.io.PrintWriter(err))
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("j8s: " + e.getMessage());
                    return 1;
                })
                .execute("--image-gc-high-threshold", "70", "--image-gc-low-threshold", "75");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("j8s: invalid configuration: imageGCLowThresholdPercent "
                + "(--image-gc-low-threshold) 75 must be less than imageGCHighThresholdPercent "
                + "(--image-gc-high-threshold) 70" + System.lineSeparator());
    }
}
