package dev.j8s.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a CustomResourceDefinition version says about its resources, beyond names.
 *
 * @param schema         the version's {@code openAPIV3Schema} (null if none)
 * @param printerColumns its {@code additionalPrinterColumns} (an array, possibly empty)
 * @param scale          its {@code subresources.scale} ({@code specReplicasPath}, {@code statusReplicasPath},
 *                       {@code labelSelectorPath}), or null without a scale subresource
 */
public record CustomDefinition(JsonNode schema, JsonNode printerColumns, JsonNode scale) {

    /** The fields of a simple JSONPath such as {@code .spec.replicas}; empty for a missing path. */
    public static String[] pathFields(JsonNode jsonPath) {
        String path = jsonPath == null ? "" : jsonPath.asText("");
        if (path.startsWith(".")) {
            path = path.substring(1);
        }
        return path.isEmpty() ? new String[0] : path.split("\\.");
    }
}
