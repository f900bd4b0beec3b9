package dev.j8s.api.validation;

/**
 * A field path printed the way Kubernetes prints {@code field.Path}: children joined by dots,
 * list indexes and map keys in brackets ({@code spec.containers[0].resources.limits[cpu]}).
 */
public final class FieldPath {

    private final String text;

    private FieldPath(String text) {
        this.text = text;
    }

    public static FieldPath root(String name) {
        return new FieldPath(name);
    }

    public FieldPath child(String name) {
        return new FieldPath(text.isEmpty() ? name : text + "." + name);
    }

    public FieldPath child(String... names) {
        FieldPath p = this;
        for (String n : names) {
            p = p.child(n);
        }
        return p;
    }

    public FieldPath index(int i) {
        return new FieldPath(text + "[" + i + "]");
    }

    public FieldPath key(String key) {
        return new FieldPath(text + "[" + key + "]");
    }

    @Override
    public String toString() {
        return text;
    }
}
