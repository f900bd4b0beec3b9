package dev.j8s.api.patch;

import java.util.List;

/**
 * How a field of a built-in type merges, as declared by the Kubernetes API types
 * ({@code patchStrategy}, {@code patchMergeKey}, {@code listType}, {@code listMapKeys}).
 *
 * @param strategy    "merge", "replace", "retainKeys" or "merge,retainKeys"; null if none declared
 * @param mergeKey    the key that identifies list items for strategy "merge" (e.g. "name"), or null
 * @param listType    "atomic", "set" or "map", or null
 * @param listMapKeys the keys of a "map" list, or empty
 */
public record ListPatchInfo(String strategy, String mergeKey, String listType, List<String> listMapKeys) {}
