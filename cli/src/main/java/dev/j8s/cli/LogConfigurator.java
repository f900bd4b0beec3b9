package dev.j8s.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * j8s's logging set-up, in code rather than a logback.xml: reading an XML configuration loads logback's
 * Joran configurator and the JDK's XML parser, some 500 classes (2-3 MB of metaspace) that every node agent
 * would carry for its whole life. Quiet by default: one line per event, key facts only;
 * {@code J8S_LOG_LEVEL=debug} for more. Found by logback through
 * {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX} %-5level %logger{0}: %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
        out.setContext(context);
        out.setName("OUT");
        out.setEncoder(encoder);
        out.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(System.getenv("J8S_LOG_LEVEL")));
        root.addAppender(out);
        context.getLogger("io.netty").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The root level J8S_LOG_LEVEL names (trace, debug, info, warn, error, off), INFO when unset or unknown. */
    static Level level(String name) {
        return Level.toLevel(name, Level.INFO);
    }
}
