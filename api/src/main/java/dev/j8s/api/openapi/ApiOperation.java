package dev.j8s.api.openapi;

import java.util.List;

/**
 * One REST operation as both OpenAPI versions describe it.
 *
 * @param method       lower-case HTTP method ("get", "patch", ...)
 * @param action       {@code x-kubernetes-action}: get, list, post, put, patch, delete, deletecollection, connect
 * @param gvk          {@code x-kubernetes-group-version-kind}, or null for discovery operations
 * @param parameters   operation-level parameters (path-level ones live on the {@link ApiPath})
 * @param requestBody  definition of the request body, or null for none
 * @param patchBody    true when the body is a patch in one of the four patch content types
 * @param response     definition of the response body, or null for a plain string
 * @param created      true when the operation also answers 201 Created and 202 Accepted
 * @param watchable    true for list operations that can stream watch events
 */
record ApiOperation(String method, String action, String operationId, String description, GroupVersionKind gvk,
                    List<OperationParameter> parameters, String requestBody, boolean patchBody, String response,
                    boolean created, boolean watchable) {

    static final List<String> PATCH_CONTENT_TYPES = List.of(
            "application/apply-patch+yaml", "application/json-patch+json",
            "application/merge-patch+json", "application/strategic-merge-patch+json");

    static final List<String> OBJECT_CONTENT_TYPES = List.of(
            "application/json", "application/yaml", "application/vnd.kubernetes.protobuf");

    static final List<String> WATCH_CONTENT_TYPES = List.of(
            "application/json;stream=watch", "application/vnd.kubernetes.protobuf;stream=watch");
}
