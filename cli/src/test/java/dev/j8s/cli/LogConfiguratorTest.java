package dev.j8s.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogConfiguratorTest {

    @Test
    void consoleAtInfoWithNettyAtWarn() {
        LoggerContext context = new LoggerContext();
        LogConfigurator configurator = new LogConfigurator();
        configurator.setContext(context);

        assertThat(configurator.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(System.getenv("J8S_LOG_LEVEL") == null ? Level.INFO
                : LogConfigurator.level(System.getenv("J8S_LOG_LEVEL")));
        assertThat(context.getLogger("io.netty.channel").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppender("OUT")).isInstanceOfSatisfying(ConsoleAppender.class, out -> {
            assertThat(out.isStarted()).isTrue();
            LoggingEvent event = new LoggingEvent(Logger.class.getName(), context.getLogger("dev.j8s.agent.kubelet.Kubelet"),
                    Level.INFO, "node {} registered", null, new Object[] {"n1"});
            String line = new String(((PatternLayoutEncoder) out.getEncoder()).encode(event), StandardCharsets.UTF_8);
            assertThat(line).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d(\\d\\d)?) INFO  Kubelet: node n1 registered\\R");
        });
        context.stop();
    }

    @ParameterizedTest
    @CsvSource({"debug, DEBUG", "WARN, WARN", "trace, TRACE", "off, OFF", "loud, INFO"})
    void levelFromEnvironmentName(String name, String level) {
        assertThat(LogConfigurator.level(name)).isEqualTo(Level.toLevel(level));
    }

    @Test
    void infoWhenUnset() {
        assertThat(LogConfigurator.level(null)).isEqualTo(Level.INFO);
    }
}
