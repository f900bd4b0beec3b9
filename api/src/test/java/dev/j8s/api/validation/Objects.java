package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import dev.j8s.api.StatusCause;
import dev.j8s.api.defaults.Defaulter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Test objects: valid, defaulted bases per kind, changed by a JSON merge patch per case. */
final class Objects {

    static final ResourceRegistry REGISTRY = ResourceRegistry.withBuiltins();

    private static final Map<String, String> BASES = Map.of(
            "deployments", """
                    {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},
                     "spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
                      "spec":{"containers":[{"name":"web","image":"nginx"}]}}}}""",
            "pods", """
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default"},
                     "spec":{"containers":[{"name":"web","image":"nginx"}]}}""",
            "services", """
                    {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"default"},
                     "spec":{"selector":{"app":"web"},"ports":[{"port":80}]}}""",
            "configmaps", """
                    {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg","namespace":"default"},"data":{"a":"1"}}""",
            "secrets", """
                    {"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","namespace":"default"},"data":{"a":"MQ=="}}""",
            "namespaces", """
                    {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a"}}""",
            "jobs", """
                    {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"pi","namespace":"default","uid":"u1"},
                     "spec":{"template":{"spec":{"containers":[{"name":"pi","image":"perl"}],"restartPolicy":"Never"}}}}""",
            "cronjobs", """
                    {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"hello","namespace":"default"},
                     "spec":{"schedule":"*/5 * * * *","jobTemplate":{"spec":{"template":{"spec":
                      {"containers":[{"name":"c","image":"busybox"}],"restartPolicy":"OnFailure"}}}}}}""",
            "ingresses", """
                    {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"web","namespace":"default"},
                     "spec":{"rules":[{"host":"web.example.com","http":{"paths":[{"path":"/","pathType":"Prefix",
                      "backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}}""",
            "leases", """
                    {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"node-1","namespace":"kube-node-lease"},
                     "spec":{"holderIdentity":"node-1","leaseDurationSeconds":40}}""");

    private static final Map<String, String> GROUPS = Map.of("deployments", "apps", "jobs", "batch", "cronjobs", "batch",
            "ingresses", "networking.k8s.io", "leases", "coordination.k8s.io");

    private Objects() {}

    static ResourceType type(String plural) {
        return REGISTRY.byResource(GROUPS.getOrDefault(plural, ""), "v1", plural).orElseThrow();
    }

    /** The defaulted base object of the kind with the patch merged in (RFC 7386; null deletes). */
    static ObjectNode object(String plural, String mergePatch) {
        ObjectNode base = (ObjectNode) parse(BASES.get(plural));
        Defaulter.apply(type(plural), base);
        if (plural.equals("jobs")) {
            Defaulter.applyJobSelector(base, "u1");
        }
        return (ObjectNode) merge(base, parse(mergePatch));
    }

    static List<String> validate(String plural, ObjectNode object, ObjectNode old) {
        return Validator.validate(type(plural), object, old).stream().map(StatusCause::describe).toList();
    }

    static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : Json.object();
        patch.properties().forEach(e -> {
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), merge(result.get(e.getKey()), e.getValue()));
            }
        });
        return result;
    }
}
