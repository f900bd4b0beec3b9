package dev.j8s.apiserver.admission;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmountTest {

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({
            "1, 1", "0.5, 500m", "1500m, 1500m", "1000m, 1", "2000, 2k", "0, 0",
            "1Gi, 1Gi", "1024Mi, 1Gi", "1.5Gi, 1536Mi", "1000Ki, 1000Ki", "1023Ki, 1023Ki",
            "512, 512", "1G, 1G", "1500M, 1500M", "100M, 100M", "1e3, 1e3", "0.1m, 100u"})
    void printsTheCanonicalForm(String input, String canonical) {
        assertThat(Amount.parse(input).toString()).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({
            "500m, 500m, 1", "1, 500m, 1500m", "64Mi, 64Mi, 128Mi", "0, 64Mi, 64Mi",
            "1G, 500M, 1500M", "1Gi, 1, 1073741825", "2, 3, 5"})
    void sumsKeepTheFirstFormatUnlessItIsZero(String a, String b, String sum) {
        assertThat(Amount.parse(a).plus(Amount.parse(b)).toString()).isEqualTo(sum);
    }

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource({"1, 1000m, 0", "500m, 0.5, 0", "1Gi, 1G, 1", "999m, 1, -1", "128Mi, 134217728, 0"})
    void comparesExactly(String a, String b, int sign) {
        assertThat(Integer.signum(Amount.parse(a).compareTo(Amount.parse(b)))).isEqualTo(sign);
    }
}
