package dev.j8s.controllers;

import dev.j8s.client.KubeClient;
import dev.j8s.client.ListOptions;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Helpers shared by the controller integration tests. */
public final class ControllerTestSupport {

    public static final Duration WAIT = Duration.ofSeconds(30);

    private ControllerTestSupport() {}

    public static String namespace(KubeClient client, String name) {
        client.resources(io.fabric8.kubernetes.api.model.Namespace.class).create(new NamespaceBuilder()
                .withNewMetadata().withName(name).endMetadata().build());
        return name;
    }

    public static PodTemplateSpec template(Map<String, String> labels, String image) {
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec().build();
    }

    /** Pods of the namespace that are not terminating. */
    public static List<Pod> activePods(KubeClient client, String ns) {
        return client.resources(Pod.class).list(ns, ListOptions.ALL).items().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    public static List<ReplicaSet> replicaSets(KubeClient client, String ns) {
        return client.resources(ReplicaSet.class).list(ns, ListOptions.ALL).items();
    }

    public static String image(Pod pod) {
        return pod.getSpec().getContainers().get(0).getImage();
    }
}
