package dev.j8s.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A set of field paths, stored as a tree of {@link PathElement}s: the value of a managedFields entry's
 * {@code fieldsV1}. A node is a member when the path ending there is in the set ({@code "."} in FieldsV1
 * when the node also has children). Mutable while it is being built; the set operations return new sets.
 */
public final class FieldSet {

    private boolean member;
    private final TreeMap<String, FieldSet> children = new TreeMap<>(PathElement.ORDER);

    public static FieldSet empty() {
        return new FieldSet();
    }

    /** Adds {@code path} (a list of path elements) as a member. */
    public void insert(List<String> path) {
        FieldSet node = this;
        for (String element : path) {
            node = node.children.computeIfAbsent(element, e -> new FieldSet());
        }
        node.member = true;
    }

    FieldSet child(String element) {
        return children.get(element);
    }

    Map<String, FieldSet> children() {
        return children;
    }

    boolean isMember() {
        return member;
    }

    public boolean isEmpty() {
        return !member && children.isEmpty();
    }

    public boolean has(List<String> path) {
        FieldSet node = find(path);
        return node != null && node.member;
    }

    /** True when the set holds {@code path} or any path below it. */
    public boolean hasAtOrBelow(List<String> path) {
        FieldSet node = find(path);
        return node != null && !node.isEmpty();
    }

    private FieldSet find(List<String> path) {
        FieldSet node = this;
        for (String element : path) {
            node = node.children.get(element);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    public FieldSet union(FieldSet other) {
        FieldSet result = copy();
        result.addAll(other);
        return result;
    }

    private void addAll(FieldSet other) {
        member |= other.member;
        other.children.forEach((e, c) -> children.computeIfAbsent(e, x -> new FieldSet()).addAll(c));
    }

    /** The members of this set that are not members of {@code other}. */
    public FieldSet difference(FieldSet other) {
        FieldSet result = new FieldSet();
        result.member = member && (other == null || !other.member);
        children.forEach((e, c) -> {
            FieldSet d = c.difference(other == null ? null : other.children.get(e));
            if (!d.isEmpty()) {
                result.children.put(e, d);
            }
        });
        return result;
    }

    /** The members of both sets. */
    public FieldSet intersection(FieldSet other) {
        FieldSet result = new FieldSet();
        result.member = member && other.member;
        children.forEach((e, c) -> {
            FieldSet o = other.children.get(e);
            if (o != null) {
                FieldSet i = c.intersection(o);
                if (!i.isEmpty()) {
                    result.children.put(e, i);
                }
            }
        });
        return result;
    }

    /** The members of this set that are neither members of {@code other} nor below one of its members. */
    public FieldSet recursiveDifference(FieldSet other) {
        if (other.member) {
            return new FieldSet();
        }
        FieldSet result = new FieldSet();
        result.member = member;
        children.forEach((e, c) -> {
            FieldSet o = other.children.get(e);
            FieldSet d = o == null ? c.copy() : c.recursiveDifference(o);
            if (!d.isEmpty()) {
                result.children.put(e, d);
            }
        });
        return result;
    }

    /** Only the members at or below {@code element} (a top-level path element). */
    public FieldSet restrictTo(String element) {
        FieldSet result = new FieldSet();
        FieldSet c = children.get(element);
        if (c != null) {
            result.children.put(element, c.copy());
        }
        return result;
    }

    public FieldSet copy() {
        FieldSet result = new FieldSet();
        result.addAll(this);
        return result;
    }

    /** Visits every member path: at each level the members first, then the paths below, in element order. */
    public void forEachPath(Consumer<List<String>> visitor) {
        walk(new ArrayList<>(), visitor);
    }

    private void walk(List<String> prefix, Consumer<List<String>> visitor) {
        children.forEach((e, c) -> {
            if (c.member) {
                prefix.add(e);
                visitor.accept(List.copyOf(prefix));
                prefix.remove(prefix.size() - 1);
            }
        });
        children.forEach((e, c) -> {
            prefix.add(e);
            c.walk(prefix, visitor);
            prefix.remove(prefix.size() - 1);
        });
    }

    public List<List<String>> paths() {
        List<List<String>> paths = new ArrayList<>();
        forEachPath(paths::add);
        return paths;
    }

    /** The FieldsV1 JSON form. */
    public ObjectNode toFieldsV1() {
        ObjectNode json = Json.object();
        children.forEach((e, c) -> json.set(e, c.nodeJson()));
        return json;
    }

    private ObjectNode nodeJson() {
        ObjectNode json = Json.object();
        if (member && !children.isEmpty()) {
            json.set(".", Json.object());
        }
        children.forEach((e, c) -> json.set(e, c.nodeJson()));
        return json;
    }

    public static FieldSet fromFieldsV1(JsonNode json) {
        FieldSet set = new FieldSet();
        if (json == null || json.isNull() || json.isMissingNode()) {
            return set;
        }
        if (!json.isObject()) {
            throw new InvalidFieldsException("fieldsV1 must be an object");
        }
        json.fields().forEachRemaining(e -> set.children.put(checked(e.getKey()), node(e.getValue())));
        return set;
    }

    private static FieldSet node(JsonNode json) {
        if (!json.isObject()) {
            throw new InvalidFieldsException("fieldsV1 entries must be objects");
        }
        FieldSet node = new FieldSet();
        node.member = json.isEmpty() || json.has(".");
        json.fields().forEachRemaining(e -> {
            if (!e.getKey().equals(".")) {
                node.children.put(checked(e.getKey()), node(e.getValue()));
            }
        });
        return node;
    }

    private static String checked(String element) {
        if (element.length() < 2 || element.charAt(1) != ':' || "fkvi".indexOf(element.charAt(0)) < 0) {
            throw new InvalidFieldsException("invalid field path element \"" + element + "\" in fieldsV1");
        }
        return element;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSet f && member == f.member && children.equals(f.children);
    }

    @Override
    public int hashCode() {
        return children.hashCode() * 31 + (member ? 1 : 0);
    }

    @Override
    public String toString() {
        return Json.string(toFieldsV1());
    }
}
