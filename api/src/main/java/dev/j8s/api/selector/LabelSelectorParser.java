package dev.j8s.api.selector;

import dev.j8s.api.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The label selector grammar of Kubernetes {@code labels.Parse}:
 * <pre>
 *   selector    ::= requirement ("," requirement)*
 *   requirement ::= ["!"] KEY [ ("in" | "notin") "(" VALUES ")" | ("=" | "==" | "!=" | ">" | "<") VALUE ]
 * </pre>
 * Whitespace separates tokens; {@code in} and {@code notin} are keywords only where an operator
 * may stand, elsewhere they are plain identifiers. Error texts are Kubernetes'.
 */
final class LabelSelectorParser {

    private enum Kind { END, OPEN, CLOSE, COMMA, NOT, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, GREATER, LESS, IN, NOT_IN, IDENT }

    private record Token(Kind kind, String text) {}

    private final List<Token> tokens;
    private int position;

    private LabelSelectorParser(String selector) {
        this.tokens = lex(selector);
    }

    static List<Requirement> parse(String selector) {
        return new LabelSelectorParser(selector).requirements();
    }

    private List<Requirement> requirements() {
        List<Requirement> requirements = new ArrayList<>();
        while (true) {
            Token next = peek(true);
            switch (next.kind()) {
                case END -> {
                    return requirements;
                }
                case IDENT, NOT -> {
                    requirements.add(requirement());
                    Token after = take(true);
                    if (after.kind() == Kind.END) {
                        return requirements;
                    }
                    if (after.kind() != Kind.COMMA) {
                        throw error("found '" + after.text() + "', expected: ',' or 'end of string'");
                    }
                    Token following = peek(true);
                    if (following.kind() != Kind.IDENT && following.kind() != Kind.NOT) {
                        throw error("found '" + following.text() + "', expected: identifier after ','");
                    }
                }
                default -> throw error("found '" + next.text() + "', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private Requirement requirement() {
        try {
            Requirement requirement = keyAndOperator();
            List<String> errors = requirement.errors();
            if (!errors.isEmpty()) {
                throw new SyntaxError(errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]");
            }
            return requirement;
        } catch (SyntaxError e) {
            throw error("unable to parse requirement: " + e.getMessage());
        }
    }

    private Requirement keyAndOperator() {
        Token first = take(true);
        boolean negated = first.kind() == Kind.NOT;
        Token key = negated ? take(true) : first;
        if (key.kind() != Kind.IDENT) {
            throw new SyntaxError("found '" + key.text() + "', expected: identifier");
        }
        List<String> keyErrors = LabelSyntax.keyErrors(key.text());
        if (!keyErrors.isEmpty()) {
            // Kubernetes validates the key here with no field path, hence "<nil>"
            throw new SyntaxError("<nil>: Invalid value: " + Requirement.quote(key.text()) + ": "
                    + String.join("; ", keyErrors));
        }
        if (negated) {
            // "!key" takes no operator; anything after it fails as a missing ','
            return new Requirement(key.text(), Operator.DOES_NOT_EXIST, List.of());
        }
        Kind after = peek(true).kind();
        if (after == Kind.END || after == Kind.COMMA) {
            return new Requirement(key.text(), Operator.EXISTS, List.of());
        }
        Operator operator = operator();
        List<String> values = operator == Operator.IN || operator == Operator.NOT_IN ? valueSet() : exactValue();
        return new Requirement(key.text(), operator, values);
    }

    private Operator operator() {
        Token token = take(false);
        return switch (token.kind()) {
            case IN -> Operator.IN;
            case NOT_IN -> Operator.NOT_IN;
            case EQUALS -> Operator.EQUALS;
            case DOUBLE_EQUALS -> Operator.DOUBLE_EQUALS;
            case NOT_EQUALS -> Operator.NOT_EQUALS;
            case GREATER -> Operator.GREATER_THAN;
            case LESS -> Operator.LESS_THAN;
            default -> throw new SyntaxError("found '" + token.text() + "', expected: in, notin, =, ==, !=, gt, lt");
        };
    }

    /** {@code (a,b)}; empty members are the empty value: {@code ()} and {@code (,a)} contain "". */
    private List<String> valueSet() {
        Token open = take(true);
        if (open.kind() != Kind.OPEN) {
            throw new SyntaxError("found '" + open.text() + "' expected: '('");
        }
        TreeSet<String> values = new TreeSet<>();
        Token next = peek(true);
        if (next.kind() == Kind.CLOSE) {
            take(true);
            values.add("");
            return List.copyOf(values);
        }
        if (next.kind() != Kind.IDENT && next.kind() != Kind.COMMA) {
            throw new SyntaxError("found '" + next.text() + "', expected: ',', ')' or identifier");
        }
        while (true) {
            Token token = take(true);
            if (token.kind() == Kind.IDENT) {
                values.add(token.text());
                Token following = peek(true);
                if (following.kind() == Kind.CLOSE) {
                    take(true);
                    return List.copyOf(values);
                }
                if (following.kind() != Kind.COMMA) {
                    throw new SyntaxError("found '" + following.text() + "', expected: ',' or ')'");
                }
            } else if (token.kind() == Kind.COMMA) {
                if (values.isEmpty()) {
                    values.add(""); // "(,"
                }
                Kind following = peek(true).kind();
                if (following == Kind.CLOSE) {
                    values.add(""); // ",)"
                    take(true);
                    return List.copyOf(values);
                }
                if (following == Kind.COMMA) {
                    values.add(""); // ",,"
                }
            } else {
                throw new SyntaxError("found '" + token.text() + "', expected: ',', or identifier");
            }
        }
    }

    /** The single value after =, ==, !=, &gt;, &lt;; nothing before a comma or the end means "". */
    private List<String> exactValue() {
        Kind next = peek(true).kind();
        if (next == Kind.END || next == Kind.COMMA) {
            return List.of("");
        }
        Token token = take(true);
        if (token.kind() != Kind.IDENT) {
            throw new SyntaxError("found '" + token.text() + "', expected: identifier");
        }
        return List.of(token.text());
    }

    /** In value position the keywords are identifiers ("env in (in)" is valid). */
    private Token peek(boolean valuePosition) {
        Token token = tokens.get(position);
        return valuePosition && (token.kind() == Kind.IN || token.kind() == Kind.NOT_IN)
                ? new Token(Kind.IDENT, token.text()) : token;
    }

    private Token take(boolean valuePosition) {
        Token token = peek(valuePosition);
        if (token.kind() != Kind.END) {
            position++;
        }
        return token;
    }

    private static List<Token> lex(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (true) {
            while (i < s.length() && isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= s.length()) {
                tokens.add(new Token(Kind.END, ""));
                return tokens;
            }
            char c = s.charAt(i);
            if (isSpecial(c)) {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (two.equals("==") || two.equals("!=")) {
                    tokens.add(new Token(two.equals("==") ? Kind.DOUBLE_EQUALS : Kind.NOT_EQUALS, two));
                    i += 2;
                } else {
                    tokens.add(new Token(special(c), String.valueOf(c)));
                    i++;
                }
                continue;
            }
            int start = i;
            while (i < s.length() && !isSpecial(s.charAt(i)) && !isWhitespace(s.charAt(i))) {
                i++;
            }
            String word = s.substring(start, i);
            Kind kind = switch (word) {
                case "in" -> Kind.IN;
                case "notin" -> Kind.NOT_IN;
                default -> Kind.IDENT;
            };
            tokens.add(new Token(kind, word));
        }
    }

    private static Kind special(char c) {
        return switch (c) {
            case '(' -> Kind.OPEN;
            case ')' -> Kind.CLOSE;
            case ',' -> Kind.COMMA;
            case '!' -> Kind.NOT;
            case '=' -> Kind.EQUALS;
            case '>' -> Kind.GREATER;
            case '<' -> Kind.LESS;
            default -> throw new IllegalArgumentException(String.valueOf(c));
        };
    }

    private static boolean isSpecial(char c) {
        return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static ApiException error(String message) {
        return ApiException.badRequest(message);
    }

    /** A failure inside one requirement; reported with Kubernetes' "unable to parse requirement" prefix. */
    private static final class SyntaxError extends RuntimeException {
        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }
}
