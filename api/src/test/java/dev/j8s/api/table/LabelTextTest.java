package dev.j8s.api.table;

import static dev.j8s.api.table.TestObjects.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelTextTest {

    @Test
    void labelsAreSortedAsWholePairs() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("tier", "web");
        labels.put("app", "shop");
        labels.put("app.kubernetes.io/name", "shop");
        assertThat(LabelText.formatLabels(labels)).isEqualTo("app.kubernetes.io/name=shop,app=shop,tier=web");
        assertThat(LabelText.formatLabels(Map.of())).isEqualTo("<none>");
    }

    static Stream<Arguments> selectors() {
        return Stream.of(
                Arguments.of("{'matchLabels':{'app':'web'}}", "app=web"),
                Arguments.of("{'matchLabels':{'tier':'fe','app':'web'}}", "app=web,tier=fe"),
                Arguments.of("{'matchExpressions':[{'key':'env','operator':'In','values':['prod','dev']}]}",
                        "env in (dev,prod)"),
                Arguments.of("{'matchExpressions':[{'key':'env','operator':'NotIn','values':['qa']}]}",
                        "env notin (qa)"),
                Arguments.of("{'matchLabels':{'b':'1'},'matchExpressions':[{'key':'a','operator':'Exists'},"
                        + "{'key':'c','operator':'DoesNotExist'}]}", "a,b=1,!c"),
                Arguments.of("{}", "<none>"),
                Arguments.of("{'matchExpressions':[{'key':'a','operator':'In','values':[]}]}", "<error>"),
                Arguments.of("{'matchExpressions':[{'key':'a','operator':'Near'}]}", "<error>"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("selectors")
    void formatsSelectorsLikeFormatLabelSelector(String selector, String expected) {
        assertThat(LabelText.formatSelector(obj(selector))).isEqualTo(expected);
    }

    @Test
    void absentSelectorIsNone() {
        assertThat(LabelText.formatSelector(MissingNode.getInstance())).isEqualTo("<none>");
        assertThat(LabelText.selectorString(MissingNode.getInstance())).contains("");
    }
}
