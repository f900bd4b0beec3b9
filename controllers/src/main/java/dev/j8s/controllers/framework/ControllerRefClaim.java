package dev.j8s.controllers.framework;

import dev.j8s.api.selector.LabelSelector;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.Map;
import java.util.Optional;

/**
 * What a controller does with an object its selector might cover (client-go's
 * ControllerRefManager.ClaimObject): keep what it controls and still selects, adopt matching
 * orphans, release what it controls but no longer selects, leave everything else alone.
 * Adoption is skipped while either side is being deleted, as Kubernetes does.
 */
public enum ControllerRefClaim {
    OWNED, ADOPT, RELEASE, IGNORE;

    public static ControllerRefClaim decide(HasMetadata owner, LabelSelector selector, HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        boolean matches = selector.matches(labels == null ? Map.of() : labels);
        Optional<OwnerReference> controller = OwnerReferences.controllerOf(object);
        if (controller.isPresent()) {
            if (!controller.get().getUid().equals(owner.getMetadata().getUid())) {
                return IGNORE;
            }
            if (matches) {
                return OWNED;
            }
            return owner.getMetadata().getDeletionTimestamp() == null ? RELEASE : IGNORE;
        }
        if (!matches || owner.getMetadata().getDeletionTimestamp() != null
                || object.getMetadata().getDeletionTimestamp() != null) {
            return IGNORE;
        }
        return ADOPT;
    }
}
