package dev.j8s.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The identifier syntaxes of Kubernetes (apimachinery {@code util/validation}) with their exact
 * error texts. Each check returns the list of problems; empty means valid.
 */
public final class NameRules {

    private static final String QNAME_CHAR = "[A-Za-z0-9]";
    private static final String QNAME_EXT_CHAR = "[-A-Za-z0-9_.]";
    private static final String QUALIFIED_NAME_FMT = "(" + QNAME_CHAR + QNAME_EXT_CHAR + "*)?" + QNAME_CHAR;
    private static final String QUALIFIED_NAME_ERR = "must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character";
    private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);

    private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
    private static final String LABEL_VALUE_ERR = "a valid label must be an empty string or consist of alphanumeric "
            + "characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);

    static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1123_LABEL_ERR = "a lowercase RFC 1123 label must consist of lower case "
            + "alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_FMT);

    static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    private static final String DNS1123_SUBDOMAIN_ERR = "a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);

    private static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1035_LABEL_ERR = "a DNS-1035 label must consist of lower case alphanumeric "
            + "characters or '-', start with an alphabetic character, and end with an alphanumeric character";
    private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035_LABEL_FMT);

    private static final String WILDCARD_FMT = "\\*\\." + DNS1123_SUBDOMAIN_FMT;
    private static final String WILDCARD_ERR = "a wildcard DNS-1123 subdomain must start with '*.', followed by a "
            + "valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end "
            + "with an alphanumeric character";
    private static final Pattern WILDCARD = Pattern.compile(WILDCARD_FMT);

    private static final String CONFIG_KEY_FMT = "[-._a-zA-Z0-9]+";
    private static final String CONFIG_KEY_ERR = "a valid config key must consist of alphanumeric characters, "
            + "'-', '_' or '.'";
    private static final Pattern CONFIG_KEY = Pattern.compile(CONFIG_KEY_FMT);

    private static final String PERCENT_FMT = "[0-9]+%";
    private static final Pattern PERCENT = Pattern.compile(PERCENT_FMT);

    public static final int DNS1123_LABEL_MAX = 63;
    public static final int DNS1123_SUBDOMAIN_MAX = 253;

    private NameRules() {}

    /** {@code IsQualifiedName}: label keys, annotation keys, finalizers. */
    public static List<String> qualifiedName(String value) {
        List<String> errs = new ArrayList<>();
        String[] parts = value.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) {
                errs.add("prefix part must be non-empty");
            } else {
                dns1123Subdomain(prefix).forEach(m -> errs.add("prefix part " + m));
            }
        } else {
            errs.add("a qualified name " + regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, "MyName", "my.name",
                    "123-abc") + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errs;
        }
        if (name.isEmpty()) {
            errs.add("name part must be non-empty");
        } else if (name.length() > 63) {
            errs.add("name part " + maxLen(63));
        }
        if (!QUALIFIED_NAME.matcher(name).matches()) {
            errs.add("name part " + regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
        }
        return errs;
    }

    public static List<String> labelValue(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add(maxLen(63));
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            errs.add(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
        }
        return errs;
    }

    public static List<String> dns1123Label(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > DNS1123_LABEL_MAX) {
            errs.add(maxLen(DNS1123_LABEL_MAX));
        }
        if (!DNS1123_LABEL.matcher(value).matches()) {
            if (DNS1123_SUBDOMAIN.matcher(value).matches()) {
                errs.add("must not contain dots");
            } else {
                errs.add(regexError(DNS1123_LABEL_ERR, DNS1123_LABEL_FMT, "my-name", "123-abc"));
            }
        }
        return errs;
    }

    public static List<String> dns1123Subdomain(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > DNS1123_SUBDOMAIN_MAX) {
            errs.add(maxLen(DNS1123_SUBDOMAIN_MAX));
        }
        if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
            errs.add(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, "example.com"));
        }
        return errs;
    }

    public static List<String> dns1035Label(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add(maxLen(63));
        }
        if (!DNS1035_LABEL.matcher(value).matches()) {
            errs.add(regexError(DNS1035_LABEL_ERR, DNS1035_LABEL_FMT, "my-name", "abc-123"));
        }
        return errs;
    }

    public static List<String> wildcardDns1123Subdomain(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > DNS1123_SUBDOMAIN_MAX) {
            errs.add(maxLen(DNS1123_SUBDOMAIN_MAX));
        }
        if (!WILDCARD.matcher(value).matches()) {
            errs.add(regexError(WILDCARD_ERR, WILDCARD_FMT, "*.example.com"));
        }
        return errs;
    }

    /** {@code IsConfigMapKey}: ConfigMap and Secret data keys. */
    public static List<String> configMapKey(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > DNS1123_SUBDOMAIN_MAX) {
            errs.add(maxLen(DNS1123_SUBDOMAIN_MAX));
        }
        if (!CONFIG_KEY.matcher(value).matches()) {
            errs.add(regexError(CONFIG_KEY_ERR, CONFIG_KEY_FMT, "key.name", "KEY_NAME", "key-name"));
        }
        errs.addAll(chDirPrefix(value));
        return errs;
    }

    /** {@code IsValidPortName} (IANA_SVC_NAME). */
    public static List<String> portName(String port) {
        List<String> errs = new ArrayList<>();
        if (port.length() > 15) {
            errs.add(maxLen(15));
        }
        if (!port.matches("[-a-z0-9]+")) {
            errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!port.matches(".*[a-z].*")) {
            errs.add("must contain at least one letter (a-z)");
        }
        if (port.contains("--")) {
            errs.add("must not contain consecutive hyphens");
        }
        if (!port.isEmpty() && (port.charAt(0) == '-' || port.charAt(port.length() - 1) == '-')) {
            errs.add("must not begin or end with a hyphen");
        }
        return errs;
    }

    public static List<String> portNumber(long port) {
        return port >= 1 && port <= 65535 ? List.of() : List.of(inclusiveRange(1, 65535));
    }

    public static List<String> percent(String value) {
        return PERCENT.matcher(value).matches() ? List.of()
                : List.of(regexError("a valid percent string must be a numeric string followed by an ending '%'",
                        PERCENT_FMT, "1%", "93%"));
    }

    /**
     * Environment variable names under RelaxedEnvironmentVariableValidation (beta, on by default
     * in 1.32): any printable ASCII except '='.
     */
    public static List<String> relaxedEnvVarName(String value) {
        List<String> errs = new ArrayList<>();
        if (value.isEmpty()) {
            errs.add("environment variable name must be non-empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0x7e || c < 0x20 || c == '=') {
                errs.add("a valid environment variable name must consist only of printable ASCII characters other than '='");
                break;
            }
        }
        return errs;
    }

    /** {@code path.IsValidPathSegmentName}: names that only need to be safe in a URL path. */
    public static List<String> pathSegmentName(String name) {
        if (name.equals(".") || name.equals("..")) {
            return List.of("may not be '" + name + "'");
        }
        return pathSegmentPrefix(name);
    }

    public static List<String> pathSegmentPrefix(String name) {
        List<String> errs = new ArrayList<>();
        if (name.contains("/")) {
            errs.add("may not contain '/'");
        }
        if (name.contains("%")) {
            errs.add("may not contain '%'");
        }
        return errs;
    }

    public static String maxLen(int length) {
        return "must be no more than " + length + " characters";
    }

    public static String inclusiveRange(long lo, long hi) {
        return "must be between " + lo + " and " + hi + ", inclusive";
    }

    static String regexError(String msg, String fmt, String... examples) {
        StringBuilder sb = new StringBuilder(msg).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            sb.append(i > 0 ? " or " : "").append('\'').append(examples[i]).append("', ");
        }
        return sb.append("regex used for validation is '").append(fmt).append("')").toString();
    }

    private static List<String> chDirPrefix(String value) {
        if (value.equals(".")) {
            return List.of("must not be '.'");
        }
        if (value.equals("..")) {
            return List.of("must not be '..'");
        }
        if (value.startsWith("..")) {
            return List.of("must not start with '..'");
        }
        return List.of();
    }
}
