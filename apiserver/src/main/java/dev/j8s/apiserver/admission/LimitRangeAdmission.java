package dev.j8s.apiserver.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ResourceType;
import dev.j8s.api.defaults.Defaulter;
import dev.j8s.apiserver.rest.Admission;
import dev.j8s.apiserver.rest.ObjectStore;
import dev.j8s.apiserver.rest.Objects;
import dev.j8s.store.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The LimitRanger admission plugin on create: the namespace's LimitRanges applied to pods and claims. */
final class LimitRangeAdmission {

    private final ResourceType limitRangeType;
    private final ObjectStore objects;

    LimitRangeAdmission(ResourceType limitRangeType, ObjectStore objects) {
        this.limitRangeType = limitRangeType;
        this.objects = objects;
    }

    /** Mutating: container defaults. */
    void applyDefaults(ResourceType type, ObjectNode object) {
        if (!isPod(type)) {
            return;
        }
        List<ObjectNode> ranges = rangesIn(Objects.namespace(object));
        if (ranges.isEmpty()) {
            return;
        }
        // Kubernetes defaults a pod (requests from limits, ...) when decoding it, before admission.
        Admission.checkTypes(type, object);
        Defaulter.apply(type, object);
        LimitRanger.applyDefaults(object, ranges);
    }

    /** Validating: min, max and ratios; 403 with the first violated LimitRange's messages. */
    void validate(ResourceType type, ObjectNode object) {
        boolean claim = type.group().isEmpty() && type.plural().equals("persistentvolumeclaims");
        if (!isPod(type) && !claim) {
            return;
        }
        List<ObjectNode> ranges = rangesIn(Objects.namespace(object));
        if (ranges.isEmpty()) {
            return;
        }
        Optional<String> violation = claim ? LimitRanger.validateClaim(object, ranges)
                : LimitRanger.validatePod(object, ranges);
        if (violation.isPresent()) {
            throw Denials.forbidden(type, object, violation.get());
        }
    }

    private static boolean isPod(ResourceType type) {
        return type.group().isEmpty() && type.plural().equals("pods");
    }

    private List<ObjectNode> rangesIn(String namespace) {
        List<ObjectNode> ranges = new ArrayList<>();
        for (KeyValue kv : objects.list(ObjectStore.listPrefix(limitRangeType, namespace), null, 0).items()) {
            ranges.add(ObjectStore.decode(kv));
        }
        return ranges;
    }
}
