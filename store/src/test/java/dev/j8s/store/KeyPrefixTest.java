package dev.j8s.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyPrefixTest {

    @ParameterizedTest(name = "end of \\\"{0}\\\" is \\\"{1}\\\"")
    @CsvSource(nullValues = "NULL", value = {
        "/pods/ns1/, /pods/ns10",
        "/pods,      /podt",
        "a,          b",
        "'',         NULL",
        "a\uFFFF,    b",
        "\uFFFF,     NULL",
    })
    void endIsTheFirstKeyAfterTheRange(String prefix, String end) {
        assertThat(KeyPrefix.of(prefix).end()).isEqualTo(end);
    }

    @ParameterizedTest(name = "\\\"{0}\\\" matches \\\"{1}\\\": {2}")
    @CsvSource({
        "/pods/ns1/, /pods/ns1/a,  true",
        "/pods/ns1/, /pods/ns10/a, false",
        "/pods/ns1/, /pods/ns1/,   true",
        "'',         /anything,    true",
    })
    void matchesKeysStartingWithThePrefix(String prefix, String key, boolean matches) {
        assertThat(KeyPrefix.of(prefix).matches(key)).isEqualTo(matches);
    }
}
