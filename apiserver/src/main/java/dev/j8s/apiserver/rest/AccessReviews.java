package dev.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ResourceType;
import dev.j8s.apiserver.http.ApiRequest;

/**
 * The authorization.k8s.io reviews ({@code kubectl auth can-i}). Every authenticated user is an
 * administrator until RBAC is enforced, so every review is allowed; reviews are answered, never stored.
 */
final class AccessReviews {

    static final String GROUP = "authorization.k8s.io";
    private static final String REASON = "j8s allows every authenticated user until RBAC is enforced";

    private AccessReviews() {}

    static boolean handles(ResourceType type) {
        return type.group().equals(GROUP);
    }

    static ObjectNode answer(ResourceType type, ObjectNode review, ApiRequest request) {
        ObjectWriter.checkTypeMeta(type, review);
        ObjectNode out = review.deepCopy();
        out.put("apiVersion", type.apiVersion());
        out.put("kind", type.kind());
        ObjectNode status = out.putObject("status");
        if (type.kind().equals("SelfSubjectRulesReview")) {
            ObjectNode rule = status.putArray("resourceRules").addObject();
            rule.putArray("verbs").add("*");
            rule.putArray("apiGroups").add("*");
            rule.putArray("resources").add("*");
            ObjectNode nonResource = status.putArray("nonResourceRules").addObject();
            nonResource.putArray("verbs").add("*");
            nonResource.putArray("nonResourceURLs").add("*");
            status.put("incomplete", false);
        } else {
            status.put("allowed", request.user() != null);
            status.put("reason", REASON);
        }
        return out;
    }
}
