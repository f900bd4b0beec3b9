package dev.j8s.cli;

import dev.j8s.agent.images.ImageGcPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The kubelet's image garbage collection flags, for {@code j8s agent} and {@code j8s server}'s local node. */
final class ImageGcOptions {

    @Option(names = "--image-gc-high-threshold", paramLabel = "PERCENT",
            defaultValue = "" + ImageGcPolicy.DEFAULT_HIGH_THRESHOLD_PERCENT,
            description = "Percent of image filesystem usage at which unused images are garbage collected "
                    + "(0-100; 100 turns it off; default: ${DEFAULT-VALUE}).")
    int highThreshold = ImageGcPolicy.DEFAULT_HIGH_THRESHOLD_PERCENT;

    @Option(names = "--image-gc-low-threshold", paramLabel = "PERCENT",
            defaultValue = "" + ImageGcPolicy.DEFAULT_LOW_THRESHOLD_PERCENT,
            description = "Percent of image filesystem usage image garbage collection frees down to; less than "
                    + "the high threshold (default: ${DEFAULT-VALUE}).")
    int lowThreshold = ImageGcPolicy.DEFAULT_LOW_THRESHOLD_PERCENT;

    @Option(names = "--minimum-image-ttl-duration", paramLabel = "DURATION", defaultValue = "2m0s",
            converter = GoDuration.class,
            description = "Minimum age of an unused image before it may be garbage collected (e.g. 2m0s, 30s, 0s; "
                    + "default: ${DEFAULT-VALUE}).")
    Duration minimumImageTtl = ImageGcPolicy.DEFAULT_MIN_AGE;

    @Option(names = "--image-gc-period", paramLabel = "DURATION", defaultValue = "5m0s", converter = GoDuration.class,
            description = "How often image filesystem usage is checked (j8s only; the kubelet's is fixed at "
                    + "${DEFAULT-VALUE}).")
    Duration period = ImageGcPolicy.DEFAULT_PERIOD;

    /**
     * The policy the flags give.
     *
     * @throws IllegalArgumentException with the kubelet's message when a flag is out of range
     */
    ImageGcPolicy policy() {
        return new ImageGcPolicy(highThreshold, lowThreshold, minimumImageTtl, period).validate();
    }

    /** Go durations as kubelet flags take them: {@code 2m0s}, {@code 1h30m}, {@code 1.5s}, {@code 500ms}, {@code 0}. */
    static final class GoDuration implements ITypeConverter<Duration> {
        private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            String s = value.trim();
            boolean negative = s.startsWith("-");
            if (negative || s.startsWith("+")) {
                s = s.substring(1);
            }
            if (s.equals("0")) {
                return Duration.ZERO;
            }
            Matcher m = PART.matcher(s);
            BigDecimal nanos = BigDecimal.ZERO;
            int end = 0;
            while (m.lookingAt()) {
                nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
                end = m.end();
                m.region(end, s.length());
            }
            if (end == 0 || end != s.length()) {
                throw new TypeConversionException("invalid duration \"" + value + "\" (e.g. 2m0s, 30s, 500ms)");
            }
            Duration d = Duration.ofNanos(nanos.longValue());
            return negative ? d.negated() : d;
        }

        private static long unitNanos(String unit) {
            return switch (unit) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
        }
    }
}
