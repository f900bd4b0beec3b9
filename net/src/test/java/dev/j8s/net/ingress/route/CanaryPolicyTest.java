package dev.j8s.net.ingress.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CanaryPolicyTest {

    static Map<String, String> annotations(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put(CanaryPolicy.CANARY, "true");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(CanaryPolicy.PREFIX + kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A random source that always answers {@code value}: weight 30 selects the canary for 0..29. */
    static boolean selects(Map<String, String> annotations, String header, String cookie, int random) {
        CanaryPolicy policy = CanaryPolicy.fromAnnotations(annotations);
        return policy.selectsCanary(name -> name.equals("x-canary") ? header : null,
                name -> name.equals("canary") ? cookie : null, bound -> random);
    }

    static Stream<Arguments> cases() {
        Map<String, String> all = annotations("canary-by-header", "X-Canary", "canary-by-cookie", "canary",
                "canary-weight", "30");
        Map<String, String> value = annotations("canary-by-header", "X-Canary", "canary-by-header-value", "v2",
                "canary-by-cookie", "canary", "canary-weight", "30");
        Map<String, String> pattern = annotations("canary-by-header", "X-Canary", "canary-by-header-pattern", "^v[23]$");
        Map<String, String> both = annotations("canary-by-header", "X-Canary", "canary-by-header-value", "v2",
                "canary-by-header-pattern", ".*");
        Map<String, String> total = annotations("canary-weight", "1", "canary-weight-total", "1000");
        return Stream.of(
                // header beats cookie and weight
                Arguments.of("header always", all, "always", "never", 99, true),
                Arguments.of("header never", all, "never", "always", 0, false),
                Arguments.of("header other value falls to cookie", all, "maybe", "always", 99, true),
                Arguments.of("cookie never beats weight", all, null, "never", 0, false),
                Arguments.of("cookie other value falls to weight", all, null, "x", 0, true),
                Arguments.of("weight in", all, null, null, 29, true),
                Arguments.of("weight out", all, null, null, 30, false),
                // header value: only that value selects; "always"/"never" mean nothing then
                Arguments.of("header value match", value, "v2", "never", 99, true),
                Arguments.of("header value mismatch falls through", value, "always", null, 99, false),
                Arguments.of("header value never is just a mismatch", value, "never", "always", 99, true),
                Arguments.of("header pattern match", pattern, "v3", null, 0, true),
                Arguments.of("header pattern mismatch", pattern, "v4", null, 0, false),
                Arguments.of("value wins over pattern", both, "anything", null, 0, false),
                Arguments.of("weight total", total, null, null, 0, true),
                Arguments.of("weight total out", total, null, null, 1, false),
                Arguments.of("no weight", annotations("canary-by-header", "X-Canary"), null, null, 0, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void followsIngressNginxPrecedence(String name, Map<String, String> annotations, String header, String cookie,
                                       int random, boolean canary) {
        assertThat(selects(annotations, header, cookie, random)).isEqualTo(canary);
    }

    @Test
    void malformedValuesCountAsUnset() {
        CanaryPolicy p = CanaryPolicy.fromAnnotations(annotations("canary-weight", "lots", "canary-weight-total", "-1",
                "canary-by-header", " ", "canary-by-header-pattern", "(("));
        assertThat(p.weight()).isZero();
        assertThat(p.weightTotal()).isEqualTo(100);
        assertThat(p.header()).isNull();
        assertThat(p.headerPattern()).isNull();
        assertThat(CanaryPolicy.isCanary(Map.of(CanaryPolicy.CANARY, "false"))).isFalse();
        assertThat(CanaryPolicy.isCanary(null)).isFalse();
    }
}
