package dev.j8s.api.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ResourceType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OpenAPI v3 document of one group-version, as served at {@code /openapi/v3/apis/<group>/<version>}:
 * its paths, and in {@code components.schemas} every definition they reach. kubectl explain finds
 * a resource's kind through the {@code x-kubernetes-group-version-kind} of the operations on the
 * resource's path, then the schema carrying the same extension.
 */
final class V3DocumentBuilder {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final SchemaRenderer renderer = SchemaRenderer.v3();

    ObjectNode build(String group, String version, List<ResourceType> types, ServedDefinitions definitions,
                     String serverVersion) {
        ObjectNode doc = JSON.objectNode().put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", serverVersion);
        ObjectNode paths = doc.putObject("paths");
        String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        List<ApiPath> apiPaths = new ArrayList<>();
        apiPaths.add(ResourceOperations.discovery(group, version, prefix));
        Set<String> roots = new LinkedHashSet<>(ResourceOperations.commonDefinitions());
        for (ResourceType type : types) {
            apiPaths.addAll(ResourceOperations.paths(type));
            roots.add(ServedDefinitions.definitionName(type));
            roots.add(ServedDefinitions.listDefinitionName(type));
            ResourceOperations.subresourceKinds(type).forEach(k -> roots.add(k.definition()));
        }
        String tag = tag(group, version);
        for (ApiPath path : apiPaths) {
            paths.set(path.path(), pathItem(path, tag));
        }
        ObjectNode components = doc.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        for (String name : new TreeSet<>(definitions.closure(roots))) {
            definitions.get(name).ifPresent(def -> schemas.set(name, renderer.definition(name, def)));
        }
        components.putObject("securitySchemes").putObject("BearerToken")
                .put("description", "Bearer Token authentication").put("in", "header")
                .put("name", "authorization").put("type", "apiKey");
        return doc;
    }

    static String tag(String group, String version) {
        String camel = ResourceOperations.camel(group, version);
        String groupPart = camel.substring(0, camel.length() - version.length());
        return Character.toLowerCase(groupPart.charAt(0)) + groupPart.substring(1) + "_" + version;
    }

    private ObjectNode pathItem(ApiPath path, String tag) {
        ObjectNode item = JSON.objectNode();
        for (ApiOperation op : path.operations()) {
            item.set(op.method(), operation(op, tag));
        }
        if (!path.parameters().isEmpty()) {
            ArrayNode params = item.putArray("parameters");
            path.parameters().forEach(p -> params.add(parameter(p)));
        }
        return item;
    }

    private ObjectNode operation(ApiOperation op, String tag) {
        ObjectNode out = JSON.objectNode();
        out.putArray("tags").add(tag);
        out.put("description", op.description()).put("operationId", op.operationId());
        if (!op.parameters().isEmpty()) {
            ArrayNode params = out.putArray("parameters");
            op.parameters().forEach(p -> params.add(parameter(p)));
        }
        if (op.requestBody() != null) {
            ObjectNode content = JSON.objectNode();
            List<String> types = op.patchBody() ? ApiOperation.PATCH_CONTENT_TYPES : List.of("*/*");
            types.forEach(t -> content.putObject(t).set("schema", renderer.refSchema(op.requestBody())));
            ObjectNode body = out.putObject("requestBody");
            body.set("content", content);
            body.put("required", true);
        }
        ObjectNode responses = out.putObject("responses");
        for (String code : ResponseCodes.of(op)) {
            ObjectNode response = responses.putObject(code).put("description", ResponseCodes.text(code));
            ObjectNode content = response.putObject("content");
            for (String type : producedTypes(op)) {
                content.putObject(type).set("schema", op.response() != null
                        ? renderer.refSchema(op.response()) : JSON.objectNode().put("type", "string"));
            }
        }
        responses.putObject("401").put("description", "Unauthorized");
        if (op.action() != null) {
            out.put("x-kubernetes-action", op.action());
        }
        if (op.gvk() != null) {
            out.set("x-kubernetes-group-version-kind", op.gvk().toJson());
        }
        return out;
    }

    private static List<String> producedTypes(ApiOperation op) {
        if (op.response() == null) {
            return List.of("*/*");
        }
        List<String> types = new ArrayList<>(ApiOperation.OBJECT_CONTENT_TYPES);
        if (op.watchable()) {
            types.addAll(ApiOperation.WATCH_CONTENT_TYPES);
        }
        return types;
    }

    private static ObjectNode parameter(OperationParameter p) {
        ObjectNode out = JSON.objectNode().put("name", p.name()).put("in", p.in()).put("description", p.description());
        if (p.required()) {
            out.put("required", true);
        }
        ObjectNode schema = out.putObject("schema").put("type", p.type());
        if (p.uniqueItems()) {
            schema.put("uniqueItems", true);
        }
        return out;
    }
}
