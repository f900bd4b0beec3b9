package dev.j8s.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSelectorTest {

    /** Labels written as "k=v;k2=v2" ("" = no labels). */
    private static Map<String, String> labels(String spec) {
        Map<String, String> labels = new HashMap<>();
        if (spec != null && !spec.isEmpty()) {
            for (String pair : spec.split(";")) {
                String[] kv = pair.split("=", 2);
                labels.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return labels;
    }

    @ParameterizedTest(name = "[{0}] on [{1}] -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "''                       | ''                    | true",
            "NULL                     | app=web               | true",
            "app=web                  | app=web               | true",
            "app=web                  | app=db                | false",
            "app=web                  | ''                    | false",
            "app==web                 | app=web               | true",
            "app!=web                 | app=db                | true",
            "app!=web                 | ''                    | true",
            "app!=web                 | app=web               | false",
            "app in (web,db)          | app=db                | true",
            "app in (web,db)          | app=cache             | false",
            "app in (web,db)          | ''                    | false",
            "app notin (web)          | app=db                | true",
            "app notin (web)          | ''                    | true",
            "app notin (web)          | app=web               | false",
            "app                      | app=                  | true",
            "app                      | tier=web              | false",
            "!app                     | tier=web              | true",
            "!app                     | app=web               | false",
            "app=web,tier=front       | app=web;tier=front    | true",
            "app=web,tier=front       | app=web;tier=back     | false",
            "  app = web ,  tier  in ( front , back )  | app=web;tier=back | true",
            "replicas>2               | replicas=3            | true",
            "replicas>2               | replicas=2            | false",
            "replicas<2               | replicas=-1           | true",
            "replicas>2               | replicas=many         | false",
            "replicas<2               | ''                    | false",
            "app=                     | app=                  | true",
            "app=                     | ''                    | false",
            "app in ()                | app=                  | true",
            "app in (,web)            | app=                  | true",
            "app in (web,)            | app=                  | true",
            "in in (in,notin)         | in=notin              | true",
            "notin                    | notin=x               | true",
            "example.com/app=web      | example.com/app=web   | true",
            "a.b-c_d=e.f-g_h          | a.b-c_d=e.f-g_h       | true"})
    void matches(String selector, String labels, boolean expected) {
        assertThat(LabelSelector.parse(selector).matches(labels(labels))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', value = {
            "a b          | unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt",
            "a=b c        | found 'c', expected: ',' or 'end of string'",
            "a=b,         | found '', expected: identifier after ','",
            ",a           | found ',', expected: !, identifier, or 'end of string'",
            "=a           | found '=', expected: !, identifier, or 'end of string'",
            "a in b       | unable to parse requirement: found 'b' expected: '('",
            "a in (b      | unable to parse requirement: found '', expected: ',' or ')'",
            "a in (=)     | unable to parse requirement: found '=', expected: ',', ')' or identifier",
            "a in (b,=)   | unable to parse requirement: found '=', expected: ',', or identifier",
            "a==(         | unable to parse requirement: found '(', expected: identifier",
            "!a=b         | found '=', expected: ',' or 'end of string'",
            "!            | unable to parse requirement: found '', expected: identifier",
            "-a=b         | unable to parse requirement: <nil>: Invalid value: \"-a\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            "a/b/c        | unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a valid label key must consist of",
            "/a           | unable to parse requirement: <nil>: Invalid value: \"/a\": prefix part must be non-empty",
            "Ex.com/a     | prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters",
            "a=-b         | unable to parse requirement: values[0][a]: Invalid value: \"-b\": a valid label must be an empty string or consist of",
            "a>b          | unable to parse requirement: values[0]: Invalid value: \"b\": for 'Gt', 'Lt' operators, the value must be an integer",
            "a<           | for 'Gt', 'Lt' operators, the value must be an integer"})
    void rejectsBadSyntaxWithKubernetesMessages(String selector, String message) {
        assertThatThrownBy(() -> LabelSelector.parse(selector))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining(message)
                .extracting("code").isEqualTo(400);
    }

    @Test
    void limitsKeyAndValueLength() {
        String name63 = "a".repeat(63);
        assertThat(LabelSelector.parse(name63 + "=" + name63).isEmpty()).isFalse();
        assertThatThrownBy(() -> LabelSelector.parse(name63 + "a"))
                .hasMessageContaining("name part must be no more than 63 bytes");
        assertThatThrownBy(() -> LabelSelector.parse("a=" + name63 + "a"))
                .hasMessageContaining("must be no more than 63 bytes");
        assertThatThrownBy(() -> LabelSelector.parse("a".repeat(254) + "/b"))
                .hasMessageContaining("prefix part must be no more than 253 bytes");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "b=2,a in (y,x)     | a in (x,y),b=2",
            "!z, y, x!=1, w==2  | w==2,x!=1,y,!z",
            "n>3,m<1            | m<1,n>3"})
    void printsCanonicallySortedByKey(String selector, String canonical) {
        assertThat(LabelSelector.parse(selector).toString()).isEqualTo(canonical);
        assertThat(LabelSelector.parse(canonical)).isEqualTo(LabelSelector.parse(selector));
    }

    @Test
    void emptyAndExactMatch() {
        assertThat(LabelSelector.parse("").isEmpty()).isTrue();
        assertThat(LabelSelector.parse(" ").isEmpty()).isTrue();
        assertThat(LabelSelector.parse("a").isEmpty()).isFalse();
        assertThat(LabelSelector.parse("a=1,b in (2)").requiresExactMatch("b")).contains("2");
        assertThat(LabelSelector.parse("a!=1").requiresExactMatch("a")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{}                                                                    | ''                | true",
            "{\"matchLabels\":{\"app\":\"web\"}}                                   | app=web           | true",
            "{\"matchLabels\":{\"app\":\"web\"}}                                   | app=db            | false",
            "{\"matchExpressions\":[{\"key\":\"tier\",\"operator\":\"In\",\"values\":[\"a\",\"b\"]}]}   | tier=b | true",
            "{\"matchExpressions\":[{\"key\":\"tier\",\"operator\":\"NotIn\",\"values\":[\"a\"]}]}      | ''     | true",
            "{\"matchExpressions\":[{\"key\":\"tier\",\"operator\":\"Exists\"}]}                      | tier=x | true",
            "{\"matchExpressions\":[{\"key\":\"tier\",\"operator\":\"DoesNotExist\"}]}                | tier=x | false",
            "{\"matchLabels\":{\"app\":\"web\"},\"matchExpressions\":[{\"key\":\"tier\",\"operator\":\"Exists\"}]} | app=web | false"})
    void fromLabelSelectorJson(String json, String labels, boolean expected) throws IOException {
        LabelSelector selector = LabelSelector.fromLabelSelectorJson(Json.MAPPER.readTree(json));
        assertThat(selector.matches(labels(labels))).isEqualTo(expected);
    }

    @Test
    void nullLabelSelectorMatchesNothingButAnEmptyOneEverything() throws IOException {
        assertThat(LabelSelector.fromLabelSelectorJson(null).matches(Map.of())).isFalse();
        assertThat(LabelSelector.fromLabelSelectorJson(Json.MAPPER.readTree("{}").path("selector")).matchesNothing())
                .isTrue();
        assertThat(LabelSelector.fromLabelSelectorJson(Json.MAPPER.readTree("{}")).isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Gt\",\"values\":[\"1\"]}]}  | \"Gt\" is not a valid label selector operator",
            "{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"In\",\"values\":[]}]}        | values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty",
            "{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Exists\",\"values\":[\"x\"]}]} | values set must be empty for exists and does not exist",
            "{\"matchLabels\":{\"a b\":\"c\"}}                                                   | key: Invalid value: \"a b\": name part must consist of"})
    void rejectsInvalidLabelSelectorObjects(String json, String message) {
        assertThatThrownBy(() -> LabelSelector.fromLabelSelectorJson(Json.MAPPER.readTree(json)))
                .isInstanceOf(ApiException.class).hasMessageContaining(message);
    }
}
