package dev.j8s.controllers.framework;

import dev.j8s.api.Json;
import dev.j8s.api.selector.LabelSelector;

/** fabric8 label selectors as j8s' evaluable {@link LabelSelector}. */
public final class Selectors {

    private Selectors() {}

    /** A null selector matches nothing, an empty one everything (metav1.LabelSelectorAsSelector). */
    public static LabelSelector of(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        return LabelSelector.fromLabelSelectorJson(selector == null ? null : Json.MAPPER.valueToTree(selector));
    }
}
