package dev.j8s.api.apply;

import java.util.List;

/**
 * What server-side apply needs to know about the type of a value: whether an object is a struct with
 * declared fields or a map with arbitrary keys, whether a list is atomic, a set, or a map keyed by
 * some of its items' fields (the OpenAPI {@code x-kubernetes-list-type}, {@code x-kubernetes-list-map-keys},
 * {@code x-kubernetes-map-type} and {@code +structType} markers).
 */
public interface FieldSchema {

    enum Shape {
        /** A string, number or boolean, or anything replaced as a whole. */
        ATOMIC,
        /** An object with declared fields, each owned separately. */
        STRUCT,
        /** An object whose arbitrary keys are owned separately (labels, data, undeclared content). */
        MAP,
        /** A list owned as a whole. */
        LIST_ATOMIC,
        /** A list of distinct scalars, each owned separately. */
        LIST_SET,
        /** A list of objects identified by the values of {@link #keys()}. */
        LIST_MAP
    }

    /** The shape of an object value (STRUCT, MAP or ATOMIC for atomic structs and maps). */
    Shape objectShape();

    /** The shape of a list value. */
    Shape listShape();

    /** True when a STRUCT declares {@code name}; undeclared fields of a struct are owned like map keys. */
    boolean declares(String name);

    /** The type of field {@code name} of an object (for a MAP, the type of every value). */
    FieldSchema field(String name);

    /** The type of the items of a list. */
    FieldSchema element();

    /** The identifying fields of a LIST_MAP's items. */
    List<String> keys();

    /**
     * The type of values nothing is known about (custom resources without a schema, free-form fields):
     * objects are maps, lists are atomic — structured-merge-diff's "deduced" type.
     */
    FieldSchema DEDUCED = new FieldSchema() {
        @Override public Shape objectShape() { return Shape.MAP; }
        @Override public Shape listShape() { return Shape.LIST_ATOMIC; }
        @Override public boolean declares(String name) { return false; }
        @Override public FieldSchema field(String name) { return this; }
        @Override public FieldSchema element() { return this; }
        @Override public List<String> keys() { return List.of(); }
    };
}
