package dev.j8s.api.selector;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.ResourceType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A Kubernetes field selector ({@code fieldSelector} query parameter): comma-separated
 * {@code field=value}, {@code field==value} or {@code field!=value} terms that must all hold.
 * In values, {@code \,} {@code \=} and {@code \\} escape the separators, as {@code fields.ParseSelector}.
 */
public final class FieldSelector {

    /** One term; {@code equal} false means {@code !=}. */
    public record Term(String field, boolean equal, String value) {
        @Override
        public String toString() {
            return field + (equal ? "=" : "!=") + escape(value);
        }
    }

    private static final FieldSelector EVERYTHING = new FieldSelector(List.of());
    /** Checked in this order at each position, so "==" is not read as "=" followed by "=value". */
    private static final List<String> OPERATORS = List.of("!=", "==", "=");

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = terms.stream().sorted(Comparator.comparing(Term::toString)).toList();
    }

    public static FieldSelector everything() {
        return EVERYTHING;
    }

    /** Null or blank selects everything. Bad syntax is a 400 with Kubernetes' message. */
    public static FieldSelector parse(String s) {
        if (s == null || s.isEmpty()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String part : splitTerms(s)) {
            if (!part.isEmpty()) {
                terms.add(term(s, part));
            }
        }
        return new FieldSelector(terms);
    }

    /**
     * Whether an object's fields satisfy every term; {@code fieldValue} gives a field's value, null
     * for a field the object does not have, which compares as "" (as Kubernetes' {@code fields.Set}).
     */
    public boolean matches(Function<String, String> fieldValue) {
        for (Term term : terms) {
            String actual = fieldValue.apply(term.field());
            boolean same = term.value().equals(actual == null ? "" : actual);
            if (same != term.equal()) {
                return false;
            }
        }
        return true;
    }

    /** Field names the selector mentions. */
    public Set<String> fields() {
        return terms.stream().map(Term::field).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public List<Term> terms() {
        return terms;
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /** The value a matching object must have for {@code field} ({@code field=v}), if the selector pins one. */
    public Optional<String> requiresExactMatch(String field) {
        return terms.stream().filter(t -> t.equal() && t.field().equals(field)).map(Term::value).findFirst();
    }

    /**
     * The value of a selectable field of a built-in object, or empty when Kubernetes does not
     * support selecting {@code type} by {@code field}; see {@link SelectableFields}.
     */
    public static Optional<String> valueOf(ResourceType type, JsonNode object, String field) {
        return SelectableFields.valueOf(type, object, field);
    }

    /** Throws the 400 Kubernetes answers when a selector names a field {@code type} cannot be selected by. */
    public void requireSupportedBy(ResourceType type) {
        for (String field : fields()) {
            if (!SelectableFields.supports(type, field)) {
                throw ApiException.badRequest(SelectableFields.unsupportedMessage(type, field));
            }
        }
    }

    /** A matcher over one object of {@code type}; the selector must be {@link #requireSupportedBy supported}. */
    public boolean matches(ResourceType type, JsonNode object) {
        return matches(field -> SelectableFields.valueOf(type, object, field).orElse(null));
    }

    @Override
    public String toString() {
        return terms.stream().map(Term::toString).collect(Collectors.joining(","));
    }

    private static Term term(String selector, String part) {
        for (int i = 0; i < part.length(); i++) {
            for (String operator : OPERATORS) {
                if (part.startsWith(operator, i)) {
                    String field = part.substring(0, i);
                    String value = unescape(part.substring(i + operator.length()));
                    return new Term(field, !operator.equals("!="), value);
                }
            }
        }
        throw ApiException.badRequest("invalid selector: '" + selector + "'; can't understand '" + part + "'");
    }

    /** Splits on commas not escaped by a backslash; escapes stay in the terms for {@link #unescape}. */
    private static List<String> splitTerms(String selector) {
        List<String> terms = new ArrayList<>();
        int start = 0;
        boolean escaped = false;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == ',') {
                terms.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        terms.add(selector.substring(start));
        return terms;
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean escaped = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (escaped) {
                if (c != '\\' && c != ',' && c != '=') {
                    throw ApiException.badRequest("invalid field selector: invalid escape sequence: \\" + c);
                }
                out.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == ',' || c == '=') {
                // Go prints the rune with %v, i.e. as its number
                throw ApiException.badRequest("invalid field selector: unescaped character in value: " + (int) c);
            } else {
                out.append(c);
            }
        }
        if (escaped) {
            throw ApiException.badRequest("invalid field selector: invalid escape sequence: \\");
        }
        return out.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
    }
}
