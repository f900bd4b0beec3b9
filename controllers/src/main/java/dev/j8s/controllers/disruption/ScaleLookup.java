package dev.j8s.controllers.disruption;

import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.Optional;

/**
 * Finds the controller a pod's controller reference names, with its scale (disruption.go's
 * finders). Empty when no controller of that kind with that uid exists; a {@link BudgetSyncException}
 * when the question cannot be answered (the kind has no scale subresource).
 */
@FunctionalInterface
interface ScaleLookup {

    Optional<ControllerScale> find(OwnerReference controllerRef, String namespace);
}
