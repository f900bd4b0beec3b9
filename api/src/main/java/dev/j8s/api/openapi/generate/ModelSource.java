package dev.j8s.api.openapi.generate;

import java.util.List;
import java.util.Set;

/**
 * One model class of the Kubernetes Java client, as read from its source: the facts the
 * Kubernetes OpenAPI definition it was generated from carried.
 *
 * @param className   simple class name, e.g. "V1DeploymentSpec"
 * @param description the type's description, or ""
 * @param fields      its JSON properties in declaration order
 * @param required    JSON names of required properties
 */
record ModelSource(String className, String description, List<Field> fields, Set<String> required) {

    /**
     * @param jsonName    the JSON property name
     * @param javaType    the Java type as written, e.g. "List<V1Container>"
     * @param description the property's description, or "" (the client drops it for object-typed fields)
     */
    record Field(String jsonName, String javaType, String description) {}
}
