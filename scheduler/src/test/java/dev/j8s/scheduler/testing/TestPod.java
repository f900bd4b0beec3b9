package dev.j8s.scheduler.testing;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fluent Pod for tests: one container "app" with the given requests, namespace "default". */
public final class TestPod {

    private final String name;
    private String namespace = "default";
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, Quantity> requests = new HashMap<>();
    private final List<Container> initContainers = new ArrayList<>();
    private final List<io.fabric8.kubernetes.api.model.ContainerPort> ports = new ArrayList<>();
    private final Map<String, String> nodeSelector = new LinkedHashMap<>();
    private final List<Toleration> tolerations = new ArrayList<>();
    private final List<NodeSelectorTerm> requiredTerms = new ArrayList<>();
    private final List<PreferredSchedulingTerm> preferredTerms = new ArrayList<>();
    private final List<PodAffinityTerm> podAffinity = new ArrayList<>();
    private final List<PodAffinityTerm> podAntiAffinity = new ArrayList<>();
    private final List<WeightedPodAffinityTerm> preferredPodAffinity = new ArrayList<>();
    private final List<WeightedPodAffinityTerm> preferredPodAntiAffinity = new ArrayList<>();
    private final List<TopologySpreadConstraint> spread = new ArrayList<>();
    private Map<String, Quantity> overhead;
    private String image = "busybox";
    private String nodeName;
    private Integer priority;
    private String preemptionPolicy;
    private String startTime;

    private TestPod(String name) {
        this.name = name;
    }

    public static TestPod pod(String name) {
        return new TestPod(name);
    }

    public TestPod namespace(String namespace) {
        this.namespace = namespace;
        return this;
    }

    public TestPod label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    public TestPod cpu(String amount) {
        requests.put("cpu", new Quantity(amount));
        return this;
    }

    public TestPod memory(String amount) {
        requests.put("memory", new Quantity(amount));
        return this;
    }

    public TestPod request(String resource, String amount) {
        requests.put(resource, new Quantity(amount));
        return this;
    }

    public TestPod initContainer(String cpu, boolean sidecar) {
        initContainers.add(new ContainerBuilder().withName("init" + initContainers.size()).withImage("busybox")
                .withRestartPolicy(sidecar ? "Always" : null)
                .withNewResources().addToRequests("cpu", new Quantity(cpu)).endResources().build());
        return this;
    }

    public TestPod overheadCpu(String cpu) {
        overhead = Map.of("cpu", new Quantity(cpu));
        return this;
    }

    public TestPod image(String image) {
        this.image = image;
        return this;
    }

    public TestPod hostPort(int port, String ip, String protocol) {
        ports.add(new ContainerPortBuilder().withContainerPort(port).withHostPort(port).withHostIP(ip)
                .withProtocol(protocol).build());
        return this;
    }

    public TestPod nodeSelector(String key, String value) {
        nodeSelector.put(key, value);
        return this;
    }

    public TestPod toleration(String key, String operator, String value, String effect) {
        tolerations.add(new Toleration(effect, key, operator, null, value));
        return this;
    }

    /** A required node-affinity term with one expression (terms are ORed). */
    public TestPod requiredNodeAffinity(String key, String operator, String... values) {
        requiredTerms.add(new NodeSelectorTerm(List.of(new NodeSelectorRequirement(key, operator, List.of(values))), null));
        return this;
    }

    public TestPod requiredNodeName(String nodeName) {
        requiredTerms.add(new NodeSelectorTerm(null,
                List.of(new NodeSelectorRequirement("metadata.name", "In", List.of(nodeName)))));
        return this;
    }

    public TestPod preferredNodeAffinity(int weight, String key, String operator, String... values) {
        preferredTerms.add(new PreferredSchedulingTerm(
                new NodeSelectorTerm(List.of(new NodeSelectorRequirement(key, operator, List.of(values))), null), weight));
        return this;
    }

    public TestPod podAffinity(String topologyKey, String labelKey, String labelValue) {
        podAffinity.add(term(topologyKey, labelKey, labelValue));
        return this;
    }

    public TestPod podAntiAffinity(String topologyKey, String labelKey, String labelValue) {
        podAntiAffinity.add(term(topologyKey, labelKey, labelValue));
        return this;
    }

    public TestPod preferredPodAffinity(int weight, String topologyKey, String labelKey, String labelValue) {
        preferredPodAffinity.add(new WeightedPodAffinityTerm(term(topologyKey, labelKey, labelValue), weight));
        return this;
    }

    public TestPod preferredPodAntiAffinity(int weight, String topologyKey, String labelKey, String labelValue) {
        preferredPodAntiAffinity.add(new WeightedPodAffinityTerm(term(topologyKey, labelKey, labelValue), weight));
        return this;
    }

    public TestPod spread(int maxSkew, String topologyKey, String whenUnsatisfiable, String labelKey, String labelValue,
                          Integer minDomains) {
        spread.add(new TopologySpreadConstraintBuilder().withMaxSkew(maxSkew).withTopologyKey(topologyKey)
                .withWhenUnsatisfiable(whenUnsatisfiable).withLabelSelector(selector(labelKey, labelValue))
                .withMinDomains(minDomains).build());
        return this;
    }

    public TestPod node(String nodeName) {
        this.nodeName = nodeName;
        return this;
    }

    public TestPod priority(int priority) {
        this.priority = priority;
        return this;
    }

    public TestPod preemptionPolicy(String policy) {
        this.preemptionPolicy = policy;
        return this;
    }

    public TestPod startTime(String rfc3339) {
        this.startTime = rfc3339;
        return this;
    }

    public Pod build() {
        Affinity affinity = null;
        if (!requiredTerms.isEmpty() || !preferredTerms.isEmpty() || !podAffinity.isEmpty() || !podAntiAffinity.isEmpty()
                || !preferredPodAffinity.isEmpty() || !preferredPodAntiAffinity.isEmpty()) {
            affinity = new Affinity();
            if (!requiredTerms.isEmpty() || !preferredTerms.isEmpty()) {
                affinity.setNodeAffinity(new io.fabric8.kubernetes.api.model.NodeAffinity(preferredTerms,
                        requiredTerms.isEmpty() ? null : new io.fabric8.kubernetes.api.model.NodeSelector(requiredTerms)));
            }
            if (!podAffinity.isEmpty() || !preferredPodAffinity.isEmpty()) {
                affinity.setPodAffinity(new io.fabric8.kubernetes.api.model.PodAffinity(preferredPodAffinity, podAffinity));
            }
            if (!podAntiAffinity.isEmpty() || !preferredPodAntiAffinity.isEmpty()) {
                affinity.setPodAntiAffinity(new io.fabric8.kubernetes.api.model.PodAntiAffinity(preferredPodAntiAffinity, podAntiAffinity));
            }
        }
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withUid(namespace + "-" + name)
                .withLabels(labels).withCreationTimestamp("2026-01-01T00:00:00Z").endMetadata()
                .withNewSpec()
                .withInitContainers(initContainers)
                .addNewContainer().withName("app").withImage(image).withPorts(ports)
                .withNewResources().withRequests(requests).endResources().endContainer()
                .withOverhead(overhead)
                .withNodeSelector(nodeSelector.isEmpty() ? null : nodeSelector)
                .withTolerations(tolerations)
                .withAffinity(affinity)
                .withTopologySpreadConstraints(spread)
                .withNodeName(nodeName)
                .withPriority(priority)
                .withPreemptionPolicy(preemptionPolicy)
                .endSpec()
                .withNewStatus().withStartTime(startTime).endStatus()
                .build();
    }

    private static PodAffinityTerm term(String topologyKey, String labelKey, String labelValue) {
        PodAffinityTerm term = new PodAffinityTerm();
        term.setTopologyKey(topologyKey);
        term.setLabelSelector(selector(labelKey, labelValue));
        return term;
    }

    private static LabelSelector selector(String key, String value) {
        return new LabelSelectorBuilder().addToMatchLabels(key, value).build();
    }
}
