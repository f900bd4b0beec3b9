package dev.j8s.api.selector;

/** A label requirement's operator, spelled as Kubernetes spells it in {@code selection.Operator}. */
public enum Operator {
    EQUALS("="), DOUBLE_EQUALS("=="), NOT_EQUALS("!="), IN("in"), NOT_IN("notin"),
    EXISTS("exists"), DOES_NOT_EXIST("!"), GREATER_THAN("gt"), LESS_THAN("lt");

    private final String text;

    Operator(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
