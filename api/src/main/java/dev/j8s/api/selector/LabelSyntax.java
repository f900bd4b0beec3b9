package dev.j8s.api.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kubernetes label key and value syntax, with the messages Kubernetes gives
 * ({@code content.IsLabelKey}, {@code IsValidLabelValue}). An empty list means valid.
 */
public final class LabelSyntax {

    private static final String NAME_FORMAT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final Pattern NAME = Pattern.compile(NAME_FORMAT);
    private static final Pattern VALUE = Pattern.compile("(" + NAME_FORMAT + ")?");
    private static final String DNS_SUBDOMAIN_FORMAT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(DNS_SUBDOMAIN_FORMAT);
    private static final int MAX_NAME = 63;
    private static final int MAX_VALUE = 63;
    private static final int MAX_SUBDOMAIN = 253;
    private static final String NAME_MESSAGE = "must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character";
    private static final String VALUE_MESSAGE = "a valid label must be an empty string or consist of alphanumeric "
            + "characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private static final String SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

    private LabelSyntax() {}

    /** {@code [prefix/]name}: prefix a DNS subdomain (≤ 253), name ≤ 63 of [A-Za-z0-9._-], alphanumeric at both ends. */
    public static List<String> keyErrors(String key) {
        List<String> errors = new ArrayList<>();
        String[] parts = key.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) {
                errors.add("prefix part must be non-empty");
            } else {
                if (prefix.length() > MAX_SUBDOMAIN) {
                    errors.add("prefix part " + maxLength(MAX_SUBDOMAIN));
                }
                if (!DNS_SUBDOMAIN.matcher(prefix).matches()) {
                    errors.add("prefix part " + regex(SUBDOMAIN_MESSAGE, DNS_SUBDOMAIN_FORMAT, "example.com"));
                }
            }
        } else {
            errors.add("a valid label key " + regex(NAME_MESSAGE, NAME_FORMAT, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errors;
        }
        if (name.isEmpty()) {
            errors.add("name part must be non-empty");
        } else if (name.length() > MAX_NAME) {
            errors.add("name part " + maxLength(MAX_NAME));
        }
        if (!NAME.matcher(name).matches()) {
            errors.add("name part " + regex(NAME_MESSAGE, NAME_FORMAT, "MyName", "my.name", "123-abc"));
        }
        return errors;
    }

    /** Empty, or ≤ 63 of [A-Za-z0-9._-] with alphanumeric at both ends. */
    public static List<String> valueErrors(String value) {
        List<String> errors = new ArrayList<>();
        if (value.length() > MAX_VALUE) {
            errors.add(maxLength(MAX_VALUE));
        }
        if (!VALUE.matcher(value).matches()) {
            errors.add(regex(VALUE_MESSAGE, "(" + NAME_FORMAT + ")?", "MyValue", "my_value", "12345"));
        }
        return errors;
    }

    private static String maxLength(int length) {
        return "must be no more than " + length + " bytes";
    }

    /** Kubernetes' wording, including its double space between examples. */
    private static String regex(String message, String format, String... examples) {
        StringBuilder out = new StringBuilder(message).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            out.append(i > 0 ? " or " : "").append('\'').append(examples[i]).append("', ");
        }
        return out.append("regex used for validation is '").append(format).append("')").toString();
    }
}
