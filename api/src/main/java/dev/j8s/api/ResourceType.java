package dev.j8s.api;

import java.util.List;
import java.util.Set;

/**
 * One REST resource the API server serves: where it lives (group/version/plural), what it holds
 * (kind, model class) and how clients find it (short names, categories, subresources).
 *
 * @param modelClass the fabric8 model class used for typed validation, schemas and printing;
 *                   null for resources defined at run time (custom resources)
 * @param custom     the schema and printer columns of a custom resource (null for built-in types)
 * @param verbs      the verbs the resource supports ({@link #ALL_VERBS} for stored objects,
 *                   only "create" for reviews that are answered, not stored)
 * @param storedAs   where another resource's storage keeps this type's objects, and how they convert
 *                   (events.k8s.io Events live in core Events); null when the type has its own storage
 */
public record ResourceType(
        String group,
        String version,
        String plural,
        String singular,
        String kind,
        boolean namespaced,
        List<String> shortNames,
        List<String> categories,
        Set<String> subresources,
        Class<?> modelClass,
        List<String> verbs,
        CustomDefinition custom,
        StoredAs storedAs) {

    /** A type kept in its own storage, in its own form. */
    public ResourceType(String group, String version, String plural, String singular, String kind,
                        boolean namespaced, List<String> shortNames, List<String> categories,
                        Set<String> subresources, Class<?> modelClass, List<String> verbs, CustomDefinition custom) {
        this(group, version, plural, singular, kind, namespaced, shortNames, categories, subresources, modelClass,
                verbs, custom, null);
    }

    /** The same type, its objects kept in another resource's storage. */
    public ResourceType storedAs(StoredAs storage) {
        return new ResourceType(group, version, plural, singular, kind, namespaced, shortNames, categories,
                subresources, modelClass, verbs, custom, storage);
    }

    public static final List<String> ALL_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    public static final List<String> CREATE_ONLY = List.of("create");

    public boolean supports(String verb) {
        return verbs.contains(verb);
    }

    /** "apps/v1", or "v1" for the core group. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public String groupVersion() {
        return apiVersion();
    }

    public String listKind() {
        return kind + "List";
    }

    /** "deployments.apps", or "pods" for the core group. */
    public String groupResource() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    public boolean hasSubresource(String name) {
        return subresources.contains(name);
    }

    /** URL path prefix: "/api/v1" or "/apis/apps/v1". */
    public String pathPrefix() {
        return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    }
}
