package dev.j8s.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a CustomResourceDefinition version says about its resources, beyond names.
 *
 * @param schema         the version's {@code openAPIV3Schema} (null if none)
 * @param printerColumns its {@code additionalPrinterColumns} (an array, possibly empty)
 */
public record CustomDefinition(JsonNode schema, JsonNode printerColumns) {}
