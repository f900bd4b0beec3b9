package dev.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ResourceType;
import dev.j8s.apiserver.http.ApiRequest;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * authentication.k8s.io/v1 SelfSubjectReview ({@code kubectl auth whoami}): answers with the caller's user info as
 * the authenticator saw it (name, uid, groups, extra); never stored.
 */
final class SelfSubjectReviews {

    private SelfSubjectReviews() {}

    static boolean handles(ResourceType type) {
        return type.group().equals("authentication.k8s.io") && type.plural().equals("selfsubjectreviews");
    }

    static ObjectNode answer(ResourceType type, ObjectNode review, ApiRequest request, Clock clock) {
        ObjectWriter.checkTypeMeta(type, review);
        ObjectNode out = review.deepCopy();
        out.put("apiVersion", type.apiVersion());
        out.put("kind", type.kind());
        out.with("metadata").put("creationTimestamp",
                DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        ObjectNode user = out.putObject("status").putObject("userInfo");
        user.put("username", request.user());
        if (!request.uid().isEmpty()) {
            user.put("uid", request.uid());
        }
        var groups = user.putArray("groups");
        request.groups().forEach(groups::add);
        if (!request.extra().isEmpty()) {
            ObjectNode extra = user.putObject("extra");
            new java.util.TreeMap<>(request.extra()).forEach((k, v) -> {
                var values = extra.putArray(k);
                v.forEach(values::add);
            });
        }
        return out;
    }
}
