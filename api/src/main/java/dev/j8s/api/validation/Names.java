package dev.j8s.api.validation;

import dev.j8s.api.StatusCause;
import java.util.List;
import java.util.regex.Pattern;

/** Kubernetes name formats and their exact error texts. */
final class Names {

    static final String LABEL_REGEX = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    static final String SUBDOMAIN_REGEX = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private static final Pattern LABEL = Pattern.compile(LABEL_REGEX);
    private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_REGEX);
    private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    private Names() {}

    static void dnsLabel(String field, String value, List<StatusCause> out) {
        if (value.length() > 63) {
            out.add(StatusCause.invalid(field, value, "must be no more than 63 characters"));
        }
        if (!LABEL.matcher(value).matches()) {
            out.add(StatusCause.invalid(field, value, "a lowercase RFC 1123 label must consist of lower case "
                    + "alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. "
                    + "'my-name',  or '123-abc', regex used for validation is '" + LABEL_REGEX + "')"));
        }
    }

    static void dnsSubdomain(String field, String value, List<StatusCause> out) {
        if (value.length() > 253) {
            out.add(StatusCause.invalid(field, value, "must be no more than 253 characters"));
        }
        if (!SUBDOMAIN.matcher(value).matches()) {
            out.add(StatusCause.invalid(field, value, "a lowercase RFC 1123 subdomain must consist of lower case "
                    + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. "
                    + "'example.com', regex used for validation is '" + SUBDOMAIN_REGEX + "')"));
        }
    }

    static void pathSegment(String field, String value, List<StatusCause> out) {
        if (value.equals(".") || value.equals("..")) {
            out.add(StatusCause.invalid(field, value, "may not be '" + value + "'"));
        } else if (value.contains("/") || value.contains("%")) {
            out.add(StatusCause.invalid(field, value, "may not contain '" + (value.contains("/") ? "/" : "%") + "'"));
        }
    }

    static void configKey(String field, String key, List<StatusCause> out) {
        if (key.length() > 253) {
            out.add(StatusCause.invalid(field, key, "must be no more than 253 characters"));
        }
        if (!CONFIG_KEY.matcher(key).matches()) {
            out.add(StatusCause.invalid(field, key, "a valid config key must consist of alphanumeric characters, '-', "
                    + "'_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is "
                    + "'[-._a-zA-Z0-9]+')"));
        }
    }
}
