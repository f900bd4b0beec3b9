package dev.j8s.apiserver.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.ApiException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Where a request goes on a node's agent: its InternalIP, the kubelet port from the Node status, and a path. */
record NodeTarget(String host, int port, String pathAndQuery) {

    static final int DEFAULT_KUBELET_PORT = 10250;

    /** The agent address of a Node object, as kube-apiserver's preferred address type InternalIP picks it. */
    static NodeTarget of(JsonNode node, String pathAndQuery) {
        String host = null;
        for (String type : List.of("InternalIP", "ExternalIP", "Hostname")) {
            for (JsonNode address : node.path("status").path("addresses")) {
                if (host == null && type.equals(address.path("type").asText())) {
                    host = address.path("address").asText();
                }
            }
        }
        String name = node.path("metadata").path("name").asText();
        if (host == null || host.isEmpty()) {
            throw new ApiException(500, "InternalError", "no preferred addresses found; known addresses: []"
                    + " for node " + name);
        }
        int port = node.path("status").path("daemonEndpoints").path("kubeletEndpoint").path("Port")
                .asInt(DEFAULT_KUBELET_PORT);
        return new NodeTarget(host, port <= 0 ? DEFAULT_KUBELET_PORT : port, pathAndQuery);
    }

    /** The request's query without the parameters the API server consumed itself. */
    static String query(Map<String, List<String>> query, Set<String> drop) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (drop.contains(e.getKey())) {
                continue;
            }
            for (String value : e.getValue()) {
                out.append(out.isEmpty() ? '?' : '&').append(encode(e.getKey())).append('=').append(encode(value));
            }
        }
        return out.toString();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    String hostHeader() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
