package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code ValidatePodTemplateSpec} and the parts of {@code ValidatePodSpec} j8s enforces. */
public final class PodSpecRules {

    static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
    private static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");

    private PodSpecRules() {}

    /**
     * A pod template: its labels and annotations (Kubernetes reports them at
     * {@code <path>.labels}, not under metadata) and its pod spec.
     */
    public static void validateTemplate(JsonNode template, FieldPath path, FieldErrors errs) {
        JsonNode meta = Nodes.get(template, "metadata");
        ObjectMetaRules.validateLabels(Nodes.get(meta, "labels"), path.child("labels"), errs);
        ObjectMetaRules.validateAnnotations(Nodes.get(meta, "annotations"), path.child("annotations"), errs);
        validateSpec(Nodes.get(template, "spec"), path.child("spec"), errs);
    }

    public static void validateSpec(JsonNode spec, FieldPath path, FieldErrors errs) {
        Set<String> volumes = validateVolumes(Nodes.items(spec, "volumes"), path.child("volumes"), errs);
        Set<String> containerNames = new HashSet<>();
        ContainerRules.validate(Nodes.items(spec, "initContainers"), path.child("initContainers"), containerNames,
                volumes, errs);
        List<JsonNode> containers = Nodes.items(spec, "containers");
        if (containers.isEmpty()) {
            errs.required(path.child("containers"), "");
        }
        ContainerRules.validate(containers, path.child("containers"), containerNames, volumes, errs);

        String restartPolicy = Nodes.text(spec, "restartPolicy");
        if (!restartPolicy.isEmpty() && !RESTART_POLICIES.contains(restartPolicy)) {
            errs.notSupported(path.child("restartPolicy"), restartPolicy, RESTART_POLICIES);
        }
        String dnsPolicy = Nodes.text(spec, "dnsPolicy");
        if (!dnsPolicy.isEmpty() && !DNS_POLICIES.contains(dnsPolicy)) {
            errs.notSupported(path.child("dnsPolicy"), dnsPolicy, DNS_POLICIES);
        }
        ObjectMetaRules.validateLabels(Nodes.get(spec, "nodeSelector"), path.child("nodeSelector"), errs);
        String serviceAccount = Nodes.text(spec, "serviceAccountName");
        if (!serviceAccount.isEmpty()) {
            errs.invalidEach(path.child("serviceAccountName"), serviceAccount,
                    NameRules.dns1123Subdomain(serviceAccount));
        }
        for (String field : List.of("hostname", "subdomain")) {
            String value = Nodes.text(spec, field);
            if (!value.isEmpty()) {
                errs.invalidEach(path.child(field), value, NameRules.dns1123Label(value));
            }
        }
        Long deadline = Nodes.number(spec, "activeDeadlineSeconds");
        if (deadline != null && (deadline < 1 || deadline > Integer.MAX_VALUE)) {
            errs.invalid(path.child("activeDeadlineSeconds"), deadline, NameRules.inclusiveRange(1, Integer.MAX_VALUE));
        }
        errs.nonNegative(path.child("terminationGracePeriodSeconds"), Nodes.number(spec, "terminationGracePeriodSeconds"));
    }

    /** Volume names are DNS labels, unique, and each volume has exactly one source. */
    private static Set<String> validateVolumes(List<JsonNode> volumes, FieldPath path, FieldErrors errs) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < volumes.size(); i++) {
            JsonNode v = volumes.get(i);
            FieldPath vp = path.index(i);
            String name = Nodes.text(v, "name");
            if (name.isEmpty()) {
                errs.required(vp.child("name"), "");
            } else {
                errs.invalidEach(vp.child("name"), name, NameRules.dns1123Label(name));
            }
            if (!name.isEmpty() && !names.add(name)) {
                errs.duplicate(vp.child("name"), name);
            }
            long sources = 0;
            for (var it = v.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!f.equals("name") && !v.get(f).isNull()) {
                    sources++;
                }
            }
            if (sources == 0) {
                errs.required(vp, "must specify a volume type");
            } else if (sources > 1) {
                errs.forbidden(vp, "may not specify more than 1 volume type");
            }
        }
        return names;
    }
}
