package dev.j8s.agent.images;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When the kubelet collects unused images (KubeletConfiguration imageGCHighThresholdPercent,
 * imageGCLowThresholdPercent, imageMinimumGCAge): once the image filesystem's usage reaches the high threshold,
 * unused images are removed, least recently used first, until usage is down to the low threshold; images younger
 * than the minimum age are kept (they were probably just pulled for a container about to start).
 *
 * @param period how often usage is checked (the kubelet's ImageGCPeriod, 5 minutes; shorter in tests)
 */
public record ImageGcPolicy(int highThresholdPercent, int lowThresholdPercent, Duration minAge, Duration period) {

    public static final int DEFAULT_HIGH_THRESHOLD_PERCENT = 85;
    public static final int DEFAULT_LOW_THRESHOLD_PERCENT = 80;
    public static final Duration DEFAULT_MIN_AGE = Duration.ofMinutes(2);
    public static final Duration DEFAULT_PERIOD = Duration.ofMinutes(5);

    public static ImageGcPolicy defaults() {
        return new ImageGcPolicy(DEFAULT_HIGH_THRESHOLD_PERCENT, DEFAULT_LOW_THRESHOLD_PERCENT, DEFAULT_MIN_AGE,
                DEFAULT_PERIOD);
    }

    /** A high threshold of 100 turns image garbage collection off, as in the kubelet. */
    public boolean disabled() {
        return highThresholdPercent == 100;
    }

    /**
     * The kubelet's checks of these settings with its messages (pkg/kubelet/apis/config/validation); several
     * failures are listed in brackets, as its error aggregate prints them.
     *
     * @throws IllegalArgumentException when a setting is out of range
     */
    public ImageGcPolicy validate() {
        List<String> errors = new ArrayList<>();
        if (highThresholdPercent < 0 || highThresholdPercent > 100) {
            errors.add("invalid configuration: imageGCHighThresholdPercent (--image-gc-high-threshold) "
                    + highThresholdPercent + " must be between 0 and 100, inclusive");
        }
        if (lowThresholdPercent < 0 || lowThresholdPercent > 100) {
            errors.add("invalid configuration: imageGCLowThresholdPercent (--image-gc-low-threshold) "
                    + lowThresholdPercent + " must be between 0 and 100, inclusive");
        }
        if (lowThresholdPercent >= highThresholdPercent) {
            errors.add("invalid configuration: imageGCLowThresholdPercent (--image-gc-low-threshold) "
                    + lowThresholdPercent + " must be less than imageGCHighThresholdPercent (--image-gc-high-threshold) "
                    + highThresholdPercent);
        }
        if (minAge.isNegative()) {
            errors.add("invalid configuration: imageMinimumGCAge (--minimum-image-ttl-duration) " + minAge
                    + " must not be negative");
        }
        if (!period.isPositive()) {
            errors.add("invalid configuration: the image garbage collection period " + period + " must be positive");
        }
        if (errors.size() == 1) {
            throw new IllegalArgumentException(errors.get(0));
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("[" + String.join(", ", errors) + "]");
        }
        return this;
    }
}
