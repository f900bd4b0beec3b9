package dev.j8s.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The LimitRanger admission plugin's rules (plugin/pkg/admission/limitranger), as pure functions
 * over API object trees: container defaults from {@code default} / {@code defaultRequest}, then the
 * {@code min}, {@code max} and {@code maxLimitRequestRatio} of items of type Container, Pod and
 * PersistentVolumeClaim, with Kubernetes' messages.
 */
public final class LimitRanger {

    static final String ANNOTATION = "kubernetes.io/limit-ranger";

    private LimitRanger() {}

    /**
     * PodMutateLimitFunc, once per LimitRange in order: a container (or init container) without a
     * limit or request for a resource gets the range's default, and the pod is annotated with what was set.
     */
    public static void applyDefaults(ObjectNode pod, List<? extends JsonNode> limitRanges) {
        for (JsonNode range : limitRanges) {
            TreeMap<String, JsonNode> limits = new TreeMap<>();
            TreeMap<String, JsonNode> requests = new TreeMap<>();
            for (JsonNode item : range.path("spec").path("limits")) {
                if ("Container".equals(item.path("type").asText())) {
                    item.path("defaultRequest").properties().forEach(e -> requests.put(e.getKey(), e.getValue()));
                    item.path("default").properties().forEach(e -> limits.put(e.getKey(), e.getValue()));
                }
            }
            List<String> notes = new ArrayList<>();
            for (JsonNode c : pod.path("spec").path("containers")) {
                merge((ObjectNode) c, limits, requests, "container", notes);
            }
            for (JsonNode c : pod.path("spec").path("initContainers")) {
                merge((ObjectNode) c, limits, requests, "init container", notes);
            }
            if (!notes.isEmpty()) {
                ObjectNode meta = pod.has("metadata") ? (ObjectNode) pod.get("metadata") : pod.putObject("metadata");
                ObjectNode annotations = meta.get("annotations") instanceof ObjectNode a ? a : meta.putObject("annotations");
                annotations.put(ANNOTATION, "LimitRanger plugin set: " + String.join("; ", notes));
            }
        }
    }

    private static void merge(ObjectNode container, TreeMap<String, JsonNode> limits, TreeMap<String, JsonNode> requests,
                              String kind, List<String> notes) {
        if (limits.isEmpty() && requests.isEmpty()) {
            return;
        }
        ObjectNode resources = container.get("resources") instanceof ObjectNode r ? r : container.putObject("resources");
        List<String> setRequests = fill(resources, "requests", requests);
        List<String> setLimits = fill(resources, "limits", limits);
        String name = container.path("name").asText();
        if (!setRequests.isEmpty()) {
            notes.add(String.join(", ", setRequests) + " request for " + kind + " " + name);
        }
        if (!setLimits.isEmpty()) {
            notes.add(String.join(", ", setLimits) + " limit for " + kind + " " + name);
        }
    }

    private static List<String> fill(ObjectNode resources, String field, TreeMap<String, JsonNode> defaults) {
        List<String> set = new ArrayList<>();
        if (defaults.isEmpty()) {
            return set;
        }
        ObjectNode list = resources.get(field) instanceof ObjectNode l ? l : resources.putObject(field);
        defaults.forEach((name, value) -> {
            if (!list.has(name)) {
                list.set(name, value.deepCopy());
                set.add(name);
            }
        });
        return set;
    }

    /** PodValidateLimitFunc: the message of the first LimitRange the pod violates. */
    public static Optional<String> validatePod(JsonNode pod, List<? extends JsonNode> limitRanges) {
        for (JsonNode range : limitRanges) {
            List<String> errors = new ArrayList<>();
            for (JsonNode item : range.path("spec").path("limits")) {
                String type = item.path("type").asText();
                if (type.equals("Container")) {
                    for (JsonNode c : PodResources.allContainers(pod)) {
                        check(type, item, ResourceList.fromJson(c.path("resources").path("requests")),
                                ResourceList.fromJson(c.path("resources").path("limits")), errors);
                    }
                } else if (type.equals("Pod")) {
                    check(type, item, PodResources.requests(pod, false), PodResources.limits(pod, false), errors);
                }
            }
            if (!errors.isEmpty()) {
                return Optional.of(aggregate(errors));
            }
        }
        return Optional.empty();
    }

    /** PersistentVolumeClaimValidateLimitFunc: storage requests against min and max; claims get no defaults. */
    public static Optional<String> validateClaim(JsonNode claim, List<? extends JsonNode> limitRanges) {
        ResourceList requests = ResourceList.fromJson(claim.path("spec").path("resources").path("requests"));
        for (JsonNode range : limitRanges) {
            List<String> errors = new ArrayList<>();
            for (JsonNode item : range.path("spec").path("limits")) {
                String type = item.path("type").asText();
                if (!type.equals("PersistentVolumeClaim")) {
                    continue;
                }
                ResourceList min = ResourceList.fromJson(item.path("min"));
                for (String name : min.names()) {
                    minConstraint(type, name, min.get(name), requests, ResourceList.EMPTY, errors);
                }
                ResourceList max = ResourceList.fromJson(item.path("max"));
                for (String name : max.names()) {
                    maxRequestConstraint(type, name, max.get(name), requests, errors);
                }
            }
            if (!errors.isEmpty()) {
                return Optional.of(aggregate(errors));
            }
        }
        return Optional.empty();
    }

    private static void check(String type, JsonNode item, ResourceList requests, ResourceList limits, List<String> errors) {
        ResourceList min = ResourceList.fromJson(item.path("min"));
        for (String name : min.names()) {
            minConstraint(type, name, min.get(name), requests, limits, errors);
        }
        ResourceList max = ResourceList.fromJson(item.path("max"));
        for (String name : max.names()) {
            maxConstraint(type, name, max.get(name), requests, limits, errors);
        }
        ResourceList ratio = ResourceList.fromJson(item.path("maxLimitRequestRatio"));
        for (String name : ratio.names()) {
            ratioConstraint(type, name, ratio.get(name), requests, limits, errors);
        }
    }

    private static void minConstraint(String type, String name, Amount enforced, ResourceList requests,
                                      ResourceList limits, List<String> errors) {
        Amount request = requests.get(name);
        Amount limit = limits.get(name);
        String rule = "minimum " + name + " usage per " + type + " is " + enforced;
        if (request == null) {
            errors.add(rule + ".  No request is specified");
        } else if (milli(request).compareTo(milli(enforced)) < 0) {
            errors.add(rule + ", but request is " + request);
        } else if (limit != null && milli(limit).compareTo(milli(enforced)) < 0) {
            errors.add(rule + ", but limit is " + limit);
        }
    }

    private static void maxConstraint(String type, String name, Amount enforced, ResourceList requests,
                                      ResourceList limits, List<String> errors) {
        Amount request = requests.get(name);
        Amount limit = limits.get(name);
        String rule = "maximum " + name + " usage per " + type + " is " + enforced;
        if (limit == null) {
            errors.add(rule + ".  No limit is specified");
        } else if (milli(limit).compareTo(milli(enforced)) > 0) {
            errors.add(rule + ", but limit is " + limit);
        } else if (request != null && milli(request).compareTo(milli(enforced)) > 0) {
            errors.add(rule + ", but request is " + request);
        }
    }

    /** For claims only the request is user input, so max applies to it. */
    private static void maxRequestConstraint(String type, String name, Amount enforced, ResourceList requests,
                                             List<String> errors) {
        Amount request = requests.get(name);
        String rule = "maximum " + name + " usage per " + type + " is " + enforced;
        if (request == null) {
            errors.add(rule + ".  No request is specified");
        } else if (milli(request).compareTo(milli(enforced)) > 0) {
            errors.add(rule + ", but request is " + request);
        }
    }

    private static void ratioConstraint(String type, String name, Amount enforced, ResourceList requests,
                                        ResourceList limits, List<String> errors) {
        Amount request = requests.get(name);
        Amount limit = limits.get(name);
        String rule = name + " max limit to request ratio per " + type + " is " + enforced;
        if (request == null || milli(request).signum() == 0) {
            errors.add(rule + ", but no request is specified or request is 0");
            return;
        }
        if (limit == null || milli(limit).signum() == 0) {
            errors.add(rule + ", but no limit is specified or limit is 0");
            return;
        }
        // limit / request > ratio, compared exactly as limit * 1000 > ratio(milli) * request.
        BigInteger observed = milli(limit).multiply(BigInteger.valueOf(1000));
        if (observed.compareTo(milli(enforced).multiply(milli(request))) > 0) {
            BigDecimal shown = new BigDecimal(milli(limit)).divide(new BigDecimal(milli(request)), 6,
                    java.math.RoundingMode.HALF_EVEN);
            errors.add(rule + ", but provided ratio is " + String.format(Locale.ROOT, "%.6f", shown));
        }
    }

    private static BigInteger milli(Amount amount) {
        return amount.milliValue();
    }

    /** utilerrors.NewAggregate(...).Error(): one message alone, several de-duplicated in brackets. */
    static String aggregate(List<String> errors) {
        LinkedHashSet<String> unique = new LinkedHashSet<>(errors);
        if (unique.size() == 1) {
            return unique.iterator().next();
        }
        return "[" + String.join(", ", unique) + "]";
    }
}
