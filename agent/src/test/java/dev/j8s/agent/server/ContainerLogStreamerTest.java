package dev.j8s.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContainerLogStreamerTest {

    private static final String LOG = """
            2026-01-01T00:00:00.000000000Z stdout F one
            not a log line
            2026-01-01T00:00:01.000000000Z stderr F two
            2026-01-01T00:00:02.000000000Z stdout P thr
            2026-01-01T00:00:02.000000001Z stdout F ee
            2026-01-01T00:00:03.000000000Z stdout F four
            """;

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Map.of(), "one\ntwo\nthree\nfour\n"),
                Arguments.of(Map.of("tailLines", List.of("2")), "ee\nfour\n"),
                Arguments.of(Map.of("tailLines", List.of("0")), ""),
                Arguments.of(Map.of("tailLines", List.of("100")), "one\ntwo\nthree\nfour\n"),
                Arguments.of(Map.of("sinceSeconds", List.of("3")), "three\nfour\n"),
                Arguments.of(Map.of("sinceTime", List.of("2026-01-01T00:00:03Z")), "four\n"),
                Arguments.of(Map.of("limitBytes", List.of("6")), "one\ntw"),
                Arguments.of(Map.of("timestamps", List.of("true"), "tailLines", List.of("1")),
                        "2026-01-01T00:00:03.000000000Z four\n"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void rendersTheLogAsTheKubeletDoes(Map<String, List<String>> query, String expected) throws Exception {
        assertThat(stream(query)).isEqualTo(expected);
    }

    @Test
    void rejectsBadOptions() {
        assertThatThrownBy(() -> LogOptions.parse(Map.of("tailLines", List.of("-1")), CLOCK))
                .isInstanceOf(StreamException.class).hasMessageContaining("tailLines");
        assertThatThrownBy(() -> LogOptions.parse(Map.of("sinceSeconds", List.of("1"),
                "sinceTime", List.of("2026-01-01T00:00:00Z")), CLOCK))
                .hasMessage("at most one of `sinceTime` or `sinceSeconds` may be specified");
        assertThatThrownBy(() -> LogOptions.parse(Map.of("limitBytes", List.of("0")), CLOCK))
                .isInstanceOf(StreamException.class);
    }

    @Test
    void parsesCriLines() {
        CriLogLine partial = CriLogLine.parse("2026-01-01T00:00:02.5Z stdout P half".getBytes(StandardCharsets.UTF_8));
        assertThat(partial.partial()).isTrue();
        assertThat(partial.stream()).isEqualTo("stdout");
        assertThat(new String(partial.render(false), StandardCharsets.UTF_8)).isEqualTo("half");
        CriLogLine empty = CriLogLine.parse("2026-01-01T00:00:02Z stdout F ".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(empty.render(false), StandardCharsets.UTF_8)).isEqualTo("\n");
        assertThat(CriLogLine.parse("garbage".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    private String stream(Map<String, List<String>> query) throws Exception {
        Path file = Files.writeString(dir.resolve("c.log"), LOG);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContainerLog log = new ContainerLog() {
            @Override
            public Path path() {
                return file;
            }

            @Override
            public boolean running() {
                return false;
            }
        };
        new ContainerLogStreamer(log, LogOptions.parse(query, CLOCK), new ContainerLogStreamer.Sink() {
            @Override
            public boolean write(byte[] bytes) {
                out.writeBytes(bytes);
                return true;
            }

            @Override
            public boolean isOpen() {
                return true;
            }
        }).run();
        return out.toString(StandardCharsets.UTF_8);
    }
}
