/**
 * The OpenAPI documents of the j8s API server ({@link dev.j8s.api.openapi.OpenApiService}).
 *
 * <p>Schemas are derived, never copied: at build time {@code generate.DefinitionsGenerator} reads the
 * sources jars of {@code io.kubernetes:client-java-api} (one class per Kubernetes definition, with
 * property names, types, required fields and descriptions) and {@code io.kubernetes:client-java-proto}
 * (the Go doc comments of the API types, which supply the descriptions the Java client drops for
 * object-typed fields and the Go package of each type) and writes {@code kubernetes-definitions.json}
 * into the module's classes. At run time the served types of the registry select the definitions,
 * which are tagged with their group-version-kind and with the strategic-merge-patch metadata of
 * {@link dev.j8s.api.patch.PatchMetadata}.
 */
package dev.j8s.api.openapi;
