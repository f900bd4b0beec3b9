package dev.j8s.net.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which Ingresses this controller serves: those whose {@code spec.ingressClassName} (or legacy
 * {@code kubernetes.io/ingress.class} annotation) names an IngressClass with controller
 * {@code j8s.dev/ingress}, and those with no class at all when such a class is the default one
 * ({@code ingressclass.kubernetes.io/is-default-class: "true"}).
 */
public record IngressClassFilter(Set<String> classes, boolean isDefault) {

    public static final String CONTROLLER = "j8s.dev/ingress";
    public static final String DEFAULT_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";
    public static final String LEGACY_CLASS_ANNOTATION = "kubernetes.io/ingress.class";

    public static IngressClassFilter of(List<IngressClass> ingressClasses) {
        Set<String> ours = new HashSet<>();
        boolean isDefault = false;
        for (IngressClass c : ingressClasses) {
            if (c.getSpec() != null && CONTROLLER.equals(c.getSpec().getController())) {
                ours.add(c.getMetadata().getName());
                Map<String, String> annotations = c.getMetadata().getAnnotations();
                isDefault |= annotations != null && "true".equals(annotations.get(DEFAULT_CLASS_ANNOTATION));
            }
        }
        return new IngressClassFilter(Set.copyOf(ours), isDefault);
    }

    public boolean serves(Ingress ingress) {
        String className = ingress.getSpec() == null ? null : ingress.getSpec().getIngressClassName();
        if (className == null && ingress.getMetadata().getAnnotations() != null) {
            className = ingress.getMetadata().getAnnotations().get(LEGACY_CLASS_ANNOTATION);
        }
        return className == null || className.isEmpty() ? isDefault : classes.contains(className);
    }
}
