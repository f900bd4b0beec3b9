package dev.j8s.controllers.framework;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Owner references as controllers use them: at most one reference per object has
 * {@code controller: true}, and it names the object's managing controller.
 */
public final class OwnerReferences {

    private OwnerReferences() {}

    /** The controlling owner reference of {@code object}, if any (metav1.GetControllerOf). */
    public static Optional<OwnerReference> controllerOf(HasMetadata object) {
        List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
        if (refs == null) {
            return Optional.empty();
        }
        return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
    }

    public static boolean isControlledBy(HasMetadata object, HasMetadata owner) {
        return controllerOf(object).map(r -> r.getUid().equals(owner.getMetadata().getUid())).orElse(false);
    }

    /**
     * A controller reference to {@code owner} (metav1.NewControllerRef). blockOwnerDeletion makes a
     * foreground delete of the owner wait for this dependent.
     */
    public static OwnerReference newControllerRef(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    /** {@code refs} plus a controller reference to {@code owner} (adoption). */
    public static List<OwnerReference> withControllerRef(List<OwnerReference> refs, HasMetadata owner) {
        List<OwnerReference> out = new ArrayList<>(refs == null ? List.of() : refs);
        out.add(newControllerRef(owner));
        return out;
    }

    /** {@code refs} without any reference to the owner with {@code ownerUid} (release). */
    public static List<OwnerReference> withoutOwner(List<OwnerReference> refs, String ownerUid) {
        List<OwnerReference> out = new ArrayList<>(refs == null ? List.of() : refs);
        out.removeIf(r -> ownerUid.equals(r.getUid()));
        return out;
    }
}
