package dev.j8s.agent.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VarExpansionTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "$(A)|a",
            "x-$(A)-$(B)|x-a-b",
            "$(MISSING)|$(MISSING)",
            "$$(A)|$(A)",
            "$$$(A)|$a",
            "cost $5|cost $5",
            "$(A|$(A",
            "$()|$()",
            "end$|end$",
            "$(A)$(A)|aa"})
    void expandsLikeKubernetes(String input, String expected) {
        assertThat(VarExpansion.expand(input, Map.of("A", "a", "B", "b")::get)).isEqualTo(expected);
    }
}
