package dev.j8s.apiserver.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.CustomDefinition;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import dev.j8s.api.StoredAs;
import dev.j8s.api.openapi.OpenApiService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves custom resources: turns a CustomResourceDefinition into registry entries (one per served
 * version) as soon as it is stored, and withdraws them when it is deleted.
 */
public final class CustomResourceTypes {

    public static final String GROUP = "apiextensions.k8s.io";

    private final ResourceRegistry registry;
    private final OpenApiService openApi;
    /** CRD name → the types it registered, to withdraw exactly those. */
    private final Map<String, List<ResourceType>> registered = new ConcurrentHashMap<>();

    public CustomResourceTypes(ResourceRegistry registry, OpenApiService openApi) {
        this.registry = registry;
        this.openApi = openApi;
    }

    public static boolean isDefinition(ResourceType type) {
        return type.group().equals(GROUP) && type.kind().equals("CustomResourceDefinition");
    }

    /** Registers (or re-registers) the versions a stored CRD serves. */
    public synchronized void apply(JsonNode crd) {
        String name = crd.path("metadata").path("name").asText();
        withdrawTypes(name);
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        List<ResourceType> types = new ArrayList<>();
        for (JsonNode version : spec.path("versions")) {
            if (!version.path("served").asBoolean(true)) {
                continue;
            }
            Set<String> subresources = new HashSet<>();
            version.path("subresources").fieldNames().forEachRemaining(subresources::add);
            ResourceType type = new ResourceType(spec.path("group").asText(), version.path("name").asText(),
                    names.path("plural").asText(), names.path("singular").asText(
                            names.path("kind").asText().toLowerCase(Locale.ROOT)),
                    names.path("kind").asText(), !spec.path("scope").asText("Namespaced").equals("Cluster"),
                    strings(names.path("shortNames")), strings(names.path("categories")), Set.copyOf(subresources),
                    null, ResourceType.ALL_VERBS, new CustomDefinition(
                            version.path("schema").path("openAPIV3Schema").isObject()
                                    ? version.path("schema").path("openAPIV3Schema") : null,
                            printerColumns(version),
                            version.path("subresources").path("scale").isObject()
                                    ? version.path("subresources").path("scale") : null));
            String storage = storageVersion(spec);
            if (storage != null && !storage.equals(type.version())) {
                // Every version of a custom resource shares one storage; with conversion strategy None
                // (the only one j8s offers) only apiVersion differs between versions.
                type = type.storedAs(new StoredAs(type.group(), type.plural(),
                        new ApiVersionConversion(type.group() + "/" + storage, type.apiVersion())));
            }
            registry.register(type);
            types.add(type);
        }
        registered.put(name, types);
        openApi.invalidate();
    }

    private static String storageVersion(JsonNode spec) {
        for (JsonNode v : spec.path("versions")) {
            if (v.path("storage").asBoolean(false)) {
                return v.path("name").asText();
            }
        }
        return null;
    }

    /** Converts between versions that differ only in apiVersion. */
    private record ApiVersionConversion(String storedApiVersion, String servedApiVersion)
            implements StoredAs.Conversion {
        @Override
        public ObjectNode toStorage(ObjectNode object) {
            return object.deepCopy().put("apiVersion", storedApiVersion);
        }

        @Override
        public ObjectNode fromStorage(ObjectNode stored) {
            return stored.deepCopy().put("apiVersion", servedApiVersion);
        }
    }

    /** Withdraws the types of a deleted CRD; returns them (their stored objects are the caller's to delete). */
    public synchronized List<ResourceType> withdraw(String crdName) {
        List<ResourceType> types = withdrawTypes(crdName);
        openApi.invalidate();
        return types;
    }

    private List<ResourceType> withdrawTypes(String crdName) {
        List<ResourceType> types = registered.remove(crdName);
        if (types == null) {
            return List.of();
        }
        types.forEach(t -> registry.unregister(t.group(), t.version(), t.plural()));
        return types;
    }

    /**
     * The status the API server gives a CRD it accepts: its names are accepted and it is
     * Established (served) at once, which is what clients wait for.
     */
    public static void establish(ObjectNode crd, Instant now) {
        ObjectNode status = crd.putObject("status");
        status.set("acceptedNames", crd.path("spec").path("names").deepCopy());
        ArrayNode conditions = status.putArray("conditions");
        String time = java.time.format.DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS));
        for (String[] c : new String[][] {{"NamesAccepted", "NoConflicts", "no conflicts found"},
                {"Established", "InitialNamesAccepted", "the initial names have been accepted"}}) {
            ObjectNode condition = conditions.addObject();
            condition.put("type", c[0]);
            condition.put("status", "True");
            condition.put("lastTransitionTime", time);
            condition.put("reason", c[1]);
            condition.put("message", c[2]);
        }
        ArrayNode stored = status.putArray("storedVersions");
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (v.path("storage").asBoolean(false)) {
                stored.add(v.path("name").asText());
            }
        }
    }

    /** The version's printer columns; Kubernetes' default when none are given is an Age column. */
    private static JsonNode printerColumns(JsonNode version) {
        JsonNode columns = version.path("additionalPrinterColumns");
        if (columns.isArray() && !columns.isEmpty()) {
            return columns;
        }
        ArrayNode age = dev.j8s.api.Json.MAPPER.createArrayNode();
        age.addObject().put("name", "Age").put("type", "date").put("jsonPath", ".metadata.creationTimestamp");
        return age;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return List.copyOf(out);
    }
}
