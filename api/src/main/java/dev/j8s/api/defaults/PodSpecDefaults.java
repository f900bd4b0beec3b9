package dev.j8s.api.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code SetDefaults_PodSpec} and the defaults of everything inside a pod spec (containers,
 * ports, probes, volumes) — applied to Pods and to every pod template.
 */
final class PodSpecDefaults {

    private PodSpecDefaults() {}

    /** Defaults a PodTemplateSpec ({@code spec.template} of workloads). */
    static void applyTemplate(ObjectNode parentSpec) {
        ObjectNode template = Fields.existing(parentSpec, "template");
        if (template != null) {
            apply(Fields.object(template, "spec"));
        }
    }

    static void apply(ObjectNode spec) {
        Fields.text(spec, "dnsPolicy", "ClusterFirst");
        Fields.text(spec, "restartPolicy", "Always");
        if (Fields.absent(spec, "securityContext")) {
            spec.putObject("securityContext");
        }
        Fields.number(spec, "terminationGracePeriodSeconds", 30);
        Fields.text(spec, "schedulerName", "default-scheduler");
        for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
            Fields.elements(spec, list).forEach(PodSpecDefaults::applyContainer);
        }
        Fields.elements(spec, "volumes").forEach(PodSpecDefaults::applyVolume);
    }

    private static void applyContainer(ObjectNode c) {
        if (Fields.blank(c, "imagePullPolicy")) {
            c.put("imagePullPolicy", ImageReference.defaultPullPolicy(c.path("image").asText("")));
        }
        Fields.text(c, "terminationMessagePath", "/dev/termination-log");
        Fields.text(c, "terminationMessagePolicy", "File");
        // resources is a non-pointer struct in Go, so it always serializes, as {} when empty.
        if (Fields.absent(c, "resources")) {
            c.putObject("resources");
        }
        Fields.elements(c, "ports").forEach(p -> Fields.text(p, "protocol", "TCP"));
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            ObjectNode p = Fields.existing(c, probe);
            if (p != null) {
                applyProbe(p);
            }
        }
        ObjectNode lifecycle = Fields.existing(c, "lifecycle");
        if (lifecycle != null) {
            for (String hook : List.of("postStart", "preStop")) {
                ObjectNode h = Fields.existing(lifecycle, hook);
                if (h != null) {
                    applyHttpGet(Fields.existing(h, "httpGet"));
                }
            }
        }
        Fields.elements(c, "env").forEach(PodSpecDefaults::applyEnv);
    }

    /** {@code SetDefaults_Probe} (zero counts as unset: these are plain ints in Go). */
    private static void applyProbe(ObjectNode p) {
        zeroDefault(p, "timeoutSeconds", 1);
        zeroDefault(p, "periodSeconds", 10);
        zeroDefault(p, "successThreshold", 1);
        zeroDefault(p, "failureThreshold", 3);
        applyHttpGet(Fields.existing(p, "httpGet"));
    }

    private static void applyHttpGet(ObjectNode httpGet) {
        if (httpGet != null) {
            Fields.text(httpGet, "path", "/");
            Fields.text(httpGet, "scheme", "HTTP");
        }
    }

    /** {@code SetDefaults_ObjectFieldSelector}: fieldRef.apiVersion "v1". */
    private static void applyEnv(ObjectNode env) {
        ObjectNode valueFrom = Fields.existing(env, "valueFrom");
        ObjectNode fieldRef = valueFrom == null ? null : Fields.existing(valueFrom, "fieldRef");
        if (fieldRef != null) {
            Fields.text(fieldRef, "apiVersion", "v1");
        }
    }

    /**
     * {@code SetDefaults_Volume}: no source means an emptyDir; file-projecting sources get mode
     * 0644 (420); hostPath type "".
     */
    private static void applyVolume(ObjectNode v) {
        boolean hasSource = false;
        for (var it = v.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("name") && !v.get(f).isNull()) {
                hasSource = true;
            }
        }
        if (!hasSource) {
            v.putObject("emptyDir");
        }
        for (String source : List.of("secret", "configMap", "downwardAPI", "projected")) {
            ObjectNode s = Fields.existing(v, source);
            if (s != null) {
                Fields.number(s, "defaultMode", 420);
            }
        }
        ObjectNode projected = Fields.existing(v, "projected");
        if (projected != null) {
            for (ObjectNode src : Fields.elements(projected, "sources")) {
                ObjectNode token = Fields.existing(src, "serviceAccountToken");
                if (token != null) {
                    Fields.number(token, "expirationSeconds", 3600);
                }
            }
        }
        ObjectNode hostPath = Fields.existing(v, "hostPath");
        if (hostPath != null) {
            if (Fields.absent(hostPath, "type")) {
                hostPath.put("type", "");
            }
        }
    }

    private static void zeroDefault(ObjectNode node, String field, int value) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || (v.isNumber() && v.asLong() == 0)) {
            node.put(field, value);
        }
    }
}
