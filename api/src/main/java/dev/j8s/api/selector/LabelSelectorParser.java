package dev.j8s.api.selector;

import dev.j8s.api.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Parses the label selector grammar of Kubernetes' {@code labels.Parse}. */
final class LabelSelectorParser {

    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern PREFIX =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private final String input;
    private int pos;

    LabelSelectorParser(String input) {
        this.input = input;
    }

    List<LabelSelector.Requirement> parse() {
        List<LabelSelector.Requirement> out = new ArrayList<>();
        skipSpaces();
        if (pos >= input.length()) {
            return out;
        }
        while (true) {
            out.add(requirement());
            skipSpaces();
            if (pos >= input.length()) {
                return out;
            }
            expect(',');
        }
    }

    private LabelSelector.Requirement requirement() {
        skipSpaces();
        if (peek() == '!') {
            pos++;
            String key = key();
            return new LabelSelector.Requirement(key, LabelSelector.Op.DOES_NOT_EXIST, Set.of());
        }
        String key = key();
        skipSpaces();
        if (pos >= input.length() || peek() == ',') {
            return new LabelSelector.Requirement(key, LabelSelector.Op.EXISTS, Set.of());
        }
        if (input.startsWith("==", pos)) {
            pos += 2;
            return single(key, LabelSelector.Op.EQUALS);
        }
        if (input.startsWith("!=", pos)) {
            pos += 2;
            return single(key, LabelSelector.Op.NOT_EQUALS);
        }
        char c = peek();
        if (c == '=') {
            pos++;
            return single(key, LabelSelector.Op.EQUALS);
        }
        if (c == '>' || c == '<') {
            pos++;
            LabelSelector.Requirement r = single(key, c == '>' ? LabelSelector.Op.GREATER_THAN : LabelSelector.Op.LESS_THAN);
            try {
                Long.parseLong(r.values().iterator().next());
            } catch (NumberFormatException e) {
                throw error("for 'Gt', 'Lt' operators, the value must be an integer");
            }
            return r;
        }
        String word = word();
        if (word.equals("in") || word.equals("notin")) {
            return new LabelSelector.Requirement(key, word.equals("in") ? LabelSelector.Op.IN : LabelSelector.Op.NOT_IN,
                    valueSet());
        }
        throw error("found '" + (word.isEmpty() ? String.valueOf(c) : word) + "', expected: in, notin, =, ==, !=, gt, lt");
    }

    private LabelSelector.Requirement single(String key, LabelSelector.Op op) {
        skipSpaces();
        String value = value();
        return new LabelSelector.Requirement(key, op, Set.of(value));
    }

    private Set<String> valueSet() {
        skipSpaces();
        expect('(');
        Set<String> values = new TreeSet<>();
        while (true) {
            skipSpaces();
            values.add(value());
            skipSpaces();
            if (peek() == ')') {
                pos++;
                return values;
            }
            expect(',');
        }
    }

    private String key() {
        skipSpaces();
        String key = word();
        if (key.isEmpty()) {
            throw error("found '" + (pos < input.length() ? String.valueOf(peek()) : "") + "', expected: identifier");
        }
        validateKey(key);
        return key;
    }

    private String value() {
        String v = word();
        if (!v.isEmpty() && (v.length() > 63 || !NAME.matcher(v).matches())) {
            throw error("invalid label value: \"" + v + "\": a valid label must be an empty string or consist of "
                    + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
        }
        return v;
    }

    private static void validateKey(String key) {
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.isEmpty() || prefix.length() > 253 || !PREFIX.matcher(prefix).matches()) {
                throw ApiException.badRequest("unable to parse requirement: invalid label key \"" + key
                        + "\": prefix part must be a lowercase RFC 1123 subdomain");
            }
        }
        if (name.isEmpty() || name.length() > 63 || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest("unable to parse requirement: invalid label key \"" + key
                    + "\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
                    + "with an alphanumeric character");
        }
    }

    /** A run of characters that are not operators, separators or spaces. */
    private String word() {
        int start = pos;
        while (pos < input.length() && "=!<>(), \t".indexOf(input.charAt(pos)) < 0) {
            pos++;
        }
        return input.substring(start, pos);
    }

    private void skipSpaces() {
        while (pos < input.length() && (input.charAt(pos) == ' ' || input.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private char peek() {
        return pos < input.length() ? input.charAt(pos) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("found '" + (pos < input.length() ? String.valueOf(peek()) : "") + "', expected: '" + c + "'");
        }
        pos++;
    }

    private ApiException error(String detail) {
        return ApiException.badRequest("unable to parse requirement: " + detail);
    }
}
