package dev.j8s.apiserver.http;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Map;

/**
 * A decoded HTTP request as handlers see it: no Netty buffers, the body already aggregated.
 *
 * @param user the authenticated user name ({@code null} when anonymous)
 */
public record ApiRequest(String method, String path, Map<String, List<String>> query, HttpHeaders headers,
                         byte[] body, String user, List<String> groups) {

    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String param(String name, String fallback) {
        String v = param(name);
        return v == null ? fallback : v;
    }

    public boolean flag(String name) {
        String v = param(name);
        return v != null && (v.isEmpty() || v.equalsIgnoreCase("true") || v.equals("1"));
    }

    public String header(String name) {
        return headers.get(name);
    }

    public String contentType() {
        String ct = headers.get("Content-Type");
        return ct == null ? "" : ct;
    }

    public String accept() {
        String a = headers.get("Accept");
        return a == null ? "" : a;
    }
}
