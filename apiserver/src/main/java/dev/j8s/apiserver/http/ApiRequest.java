package dev.j8s.apiserver.http;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Map;

/**
 * A decoded HTTP request as handlers see it: no Netty buffers, the body already aggregated.
 *
 * @param user the authenticated user name ({@code null} when anonymous)
 * @param uid the user's uid, when the authenticator knows one (a service account's), else ""
 * @param extra the authenticator's extra user attributes (Kubernetes' UserInfo.Extra)
 */
public record ApiRequest(String method, String path, Map<String, List<String>> query, HttpHeaders headers,
                         byte[] body, String user, List<String> groups, String uid, Map<String, List<String>> extra) {

    public ApiRequest {
        uid = uid == null ? "" : uid;
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    public ApiRequest(String method, String path, Map<String, List<String>> query, HttpHeaders headers, byte[] body,
                      String user, List<String> groups) {
        this(method, path, query, headers, body, user, groups, "", Map.of());
    }

    /** The same request as made by the given (token-authenticated) user. */
    public ApiRequest authenticatedAs(String name, List<String> userGroups, String userUid,
                                      Map<String, List<String>> userExtra) {
        return new ApiRequest(method, path, query, headers, body, name, List.copyOf(userGroups), userUid, userExtra);
    }

    /** The bearer token of the Authorization header, or null. */
    public String bearerToken() {
        String authorization = headers.get("Authorization");
        if (authorization == null || authorization.length() < 7
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

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
