package dev.j8s.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.j8s.api.ApiException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorTest {

    private static Map<String, String> labels(String spec) {
        Map<String, String> m = new HashMap<>();
        if (!spec.isEmpty()) {
            for (String kv : spec.split(";")) {
                String[] p = kv.split(":", 2);
                m.put(p[0], p.length > 1 ? p[1] : "");
            }
        }
        return m;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "app=web|app:web|true",
        "app=web|app:db|false",
        "app==web|app:web|true",
        "app!=web|app:db|true",
        "app!=web||true",
        "app in (web, db)|app:db|true",
        "app notin (web,db)|app:api|true",
        "app notin (web,db)||true",
        "app|app:x|true",
        "!app|app:x|false",
        "!app||true",
        "app=web,tier=fe|app:web;tier:fe|true",
        "app=web, tier=fe|app:web;tier:be|false",
        "replicas>2|replicas:3|true",
        "replicas<2|replicas:3|false",
        "example.com/team=blue|example.com/team:blue|true",
        "''||true",
        "env=|env:|true",
    })
    void matches(String selector, String labels, boolean expected) {
        String s = selector.equals("''") ? "" : selector;
        assertThat(LabelSelector.parse(s).matches(labels(labels == null ? "" : labels))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a in (", "!!", "a=b=c", "bad key=v", "a in x", "-a=b", "a=-b", "a>x", "=v", "a,,b",
        "Example.COM/x=y"})
    void rejectsBadSyntaxWith400(String selector) {
        assertThatThrownBy(() -> LabelSelector.parse(selector))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }
}
