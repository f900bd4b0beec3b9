package dev.j8s.apiserver.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceType;
import dev.j8s.api.table.TableConverter;
import dev.j8s.apiserver.http.ApiRequest;
import dev.j8s.apiserver.http.ApiResponse;
import java.util.List;
import java.util.Locale;

/**
 * Content negotiation for object responses: a {@code meta.k8s.io/v1} Table when the client asks
 * for {@code as=Table} (kubectl get), YAML when asked, JSON otherwise.
 */
public final class ResponseEncoder {

    private final TableConverter tables;

    public ResponseEncoder(TableConverter tables) {
        this.tables = tables;
    }

    public static boolean wantsTable(ApiRequest request) {
        String accept = request.accept().replace(" ", "");
        return accept.contains("as=Table") && (accept.contains("g=meta.k8s.io"));
    }

    public static boolean wantsYaml(ApiRequest request) {
        String accept = request.accept().toLowerCase(Locale.ROOT);
        return accept.startsWith("application/yaml");
    }

    public ApiResponse object(ApiRequest request, ResourceType type, int status, ObjectNode object,
                              List<String> warnings) {
        ObjectNode body = object;
        if (wantsTable(request)) {
            ObjectNode listMeta = Json.object();
            listMeta.put("resourceVersion", object.path("metadata").path("resourceVersion").asText(""));
            body = tables.toTable(type, List.of(object), includeObject(request), listMeta, false);
        }
        return withWarnings(encode(request, status, body), warnings);
    }

    public ApiResponse list(ApiRequest request, ResourceType type, ObjectLister.Page page) {
        ObjectNode body = wantsTable(request)
                ? tables.toTable(type, page.items(), includeObject(request), page.listMeta(), false)
                : ObjectLister.toList(type, page);
        return encode(request, 200, body);
    }

    /** How watch events render their object. */
    /** The watch encoder of plain JSON watches: objects go out as they are. */
    static final java.util.function.Function<ObjectNode, ObjectNode> IDENTITY = o -> o;

    public java.util.function.Function<ObjectNode, ObjectNode> watchEncoder(ApiRequest request, ResourceType type) {
        if (!wantsTable(request)) {
            return IDENTITY;
        }
        String include = includeObject(request);
        boolean[] first = {true};
        return o -> {
            ObjectNode listMeta = Json.object();
            listMeta.put("resourceVersion", o.path("metadata").path("resourceVersion").asText(""));
            boolean noHeaders;
            synchronized (first) {
                noHeaders = !first[0];
                first[0] = false;
            }
            return tables.toTable(type, List.of(o), include, listMeta, noHeaders);
        };
    }

    public static String watchContentType(ApiRequest request) {
        return "application/json";
    }

    public static ApiResponse encode(ApiRequest request, int status, ObjectNode body) {
        if (wantsYaml(request)) {
            try {
                return new ApiResponse(status, "application/yaml", Json.YAML.writeValueAsBytes(body),
                        java.util.Map.of());
            } catch (JsonProcessingException e) {
                throw ApiException.internal("cannot encode YAML");
            }
        }
        return ApiResponse.json(status, Json.bytes(body));
    }

    private static ApiResponse withWarnings(ApiResponse response, List<String> warnings) {
        if (warnings == null || warnings.isEmpty()) {
            return response;
        }
        StringBuilder header = new StringBuilder();
        for (String w : warnings) {
            if (!header.isEmpty()) {
                header.append(", ");
            }
            header.append("299 - \"").append(w.replace("\"", "\\\"")).append('"');
        }
        return response.withHeader("Warning", header.toString());
    }

    private static String includeObject(ApiRequest request) {
        String include = request.param("includeObject", "Metadata");
        if (!List.of("None", "Metadata", "Object").contains(include)) {
            throw ApiException.badRequest("includeObject: Unsupported value: \"" + include
                    + "\": supported values: \"Metadata\", \"None\", \"Object\"");
        }
        return include;
    }
}
