package dev.j8s.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameRulesTest {

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "subdomain | example.com     | true",
            "subdomain | a.b-c.d         | true",
            "subdomain | Example.com     | false",
            "subdomain | -a              | false",
            "label     | my-name         | true",
            "label     | my.name         | false",
            "dns1035   | abc-123         | true",
            "dns1035   | 1abc            | false",
            "qualified | example.com/Name| true",
            "qualified | app             | true",
            "qualified | /app            | false",
            "qualified | a/b/c           | false",
            "labelValue| ''              | true",
            "labelValue| a_b.c-d         | true",
            "labelValue| a b             | false",
            "configKey | .env            | true",
            "configKey | ..data          | false",
            "configKey | a/b             | false",
            "portName  | http            | true",
            "portName  | 8080            | false",
            "portName  | a--b            | false",
            "pathSegment | role:admin    | true",
            "pathSegment | a/b           | false",
            "pathSegment | ..            | false",
    })
    void checksIdentifierSyntax(String rule, String value, boolean valid) {
        List<String> errs = switch (rule) {
            case "subdomain" -> NameRules.dns1123Subdomain(value);
            case "label" -> NameRules.dns1123Label(value);
            case "dns1035" -> NameRules.dns1035Label(value);
            case "qualified" -> NameRules.qualifiedName(value);
            case "labelValue" -> NameRules.labelValue(value);
            case "configKey" -> NameRules.configMapKey(value);
            case "portName" -> NameRules.portName(value);
            case "pathSegment" -> NameRules.pathSegmentName(value);
            default -> throw new IllegalArgumentException(rule);
        };
        assertThat(errs.isEmpty()).as("%s %s", rule, errs).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "web- | true",
            "Web- | false",
    })
    void generateNameMayEndWithADash(String prefix, boolean valid) {
        assertThat(NameRule.DNS_SUBDOMAIN.check(prefix, true).isEmpty()).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a.b | must not contain dots",
            "x'' | 'a lowercase RFC 1123 label must consist of lower case alphanumeric characters or ''-'', and must start and end with an alphanumeric character (e.g. ''my-name'',  or ''123-abc'', regex used for validation is ''[a-z0-9]([-a-z0-9]*[a-z0-9])?'')'",
    })
    void labelMessagesMatchKubernetes(String value, String message) {
        assertThat(NameRules.dns1123Label(value)).containsExactly(message);
    }
}
