package dev.j8s.agent.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The kubelet's validation of the image GC settings, with its messages. */
class ImageGcPolicyTest {

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(101, 80, "invalid configuration: imageGCHighThresholdPercent (--image-gc-high-threshold) "
                        + "101 must be between 0 and 100, inclusive"),
                Arguments.of(85, -1, "invalid configuration: imageGCLowThresholdPercent (--image-gc-low-threshold) "
                        + "-1 must be between 0 and 100, inclusive"),
                Arguments.of(80, 80, "invalid configuration: imageGCLowThresholdPercent (--image-gc-low-threshold) 80 "
                        + "must be less than imageGCHighThresholdPercent (--image-gc-high-threshold) 80"),
                Arguments.of(-5, 90, "[invalid configuration: imageGCHighThresholdPercent (--image-gc-high-threshold) "
                        + "-5 must be between 0 and 100, inclusive, invalid configuration: imageGCLowThresholdPercent "
                        + "(--image-gc-low-threshold) 90 must be less than imageGCHighThresholdPercent "
                        + "(--image-gc-high-threshold) -5]"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void outOfRangeThresholdsFailWithTheKubeletsMessage(int high, int low, String message) {
        assertThatThrownBy(() -> new ImageGcPolicy(high, low, Duration.ZERO, Duration.ofMinutes(5)).validate())
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void theDefaultsAreTheKubelets() {
        ImageGcPolicy p = ImageGcPolicy.defaults().validate();
        assertThat(p).isEqualTo(new ImageGcPolicy(85, 80, Duration.ofMinutes(2), Duration.ofMinutes(5)));
        assertThat(p.disabled()).isFalse();
        assertThat(new ImageGcPolicy(100, 0, Duration.ZERO, Duration.ofMinutes(5)).validate().disabled()).isTrue();
        assertThat(new ImageGcPolicy(1, 0, Duration.ZERO, Duration.ofSeconds(1)).validate().highThresholdPercent())
                .isEqualTo(1);
    }
}
