package dev.j8s.api.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ResourceType;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The Swagger 2.0 document served at {@code /openapi/v2}: every served path and definition in one. */
final class V2DocumentBuilder {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final SchemaRenderer renderer = SchemaRenderer.v2();

    /** @param typesByGroupVersion served types keyed by group-version, each entry as ["group", "version"] */
    ObjectNode build(Map<List<String>, List<ResourceType>> typesByGroupVersion, ServedDefinitions definitions,
                     String serverVersion) {
        ObjectNode doc = JSON.objectNode().put("swagger", "2.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", serverVersion);
        ObjectNode paths = doc.putObject("paths");
        typesByGroupVersion.forEach((gv, types) -> {
            String group = gv.get(0);
            String version = gv.get(1);
            String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
            String tag = V3DocumentBuilder.tag(group, version);
            addPath(paths, ResourceOperations.discovery(group, version, prefix), tag);
            types.forEach(type -> ResourceOperations.paths(type).forEach(p -> addPath(paths, p, tag)));
        });
        ObjectNode defs = doc.putObject("definitions");
        for (String name : new TreeSet<>(definitions.names())) {
            definitions.get(name).ifPresent(def -> defs.set(name, renderer.definition(name, def)));
        }
        doc.putObject("securityDefinitions").putObject("BearerToken")
                .put("description", "Bearer Token authentication").put("in", "header")
                .put("name", "authorization").put("type", "apiKey");
        doc.putArray("security").addObject().putArray("BearerToken");
        return doc;
    }

    private void addPath(ObjectNode paths, ApiPath path, String tag) {
        ObjectNode item = paths.putObject(path.path());
        for (ApiOperation op : path.operations()) {
            item.set(op.method(), operation(op, tag));
        }
        if (!path.parameters().isEmpty()) {
            ArrayNode params = item.putArray("parameters");
            path.parameters().forEach(p -> params.add(parameter(p)));
        }
    }

    private ObjectNode operation(ApiOperation op, String tag) {
        ObjectNode out = JSON.objectNode().put("description", op.description());
        List<String> consumes = op.patchBody() ? ApiOperation.PATCH_CONTENT_TYPES : List.of("*/*");
        consumes.forEach(out.putArray("consumes")::add);
        ArrayNode produces = out.putArray("produces");
        if (op.response() == null) {
            produces.add("*/*");
        } else {
            ApiOperation.OBJECT_CONTENT_TYPES.forEach(produces::add);
            if (op.watchable()) {
                ApiOperation.WATCH_CONTENT_TYPES.forEach(produces::add);
            }
        }
        out.putArray("schemes").add("https");
        out.putArray("tags").add(tag);
        out.put("operationId", op.operationId());
        ArrayNode params = JSON.arrayNode();
        if (op.requestBody() != null) {
            ObjectNode body = params.addObject().put("name", "body").put("in", "body").put("required", true);
            body.set("schema", renderer.refSchema(op.requestBody()));
        }
        op.parameters().forEach(p -> params.add(parameter(p)));
        if (!params.isEmpty()) {
            out.set("parameters", params);
        }
        ObjectNode responses = out.putObject("responses");
        for (String code : ResponseCodes.of(op)) {
            responses.putObject(code).put("description", ResponseCodes.text(code)).set("schema",
                    op.response() != null ? renderer.refSchema(op.response()) : JSON.objectNode().put("type", "string"));
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

    private static ObjectNode parameter(OperationParameter p) {
        ObjectNode out = JSON.objectNode().put("name", p.name()).put("in", p.in()).put("description", p.description())
                .put("type", p.type());
        if (p.required()) {
            out.put("required", true);
        }
        if (p.uniqueItems()) {
            out.put("uniqueItems", true);
        }
        return out;
    }
}
