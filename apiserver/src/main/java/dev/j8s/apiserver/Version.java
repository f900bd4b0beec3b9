package dev.j8s.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;

/**
 * What {@code /version} reports. j8s speaks the Kubernetes 1.32 API, so it reports v1.32.x: the
 * kubectl dispatcher picks its client version from this answer.
 */
public final class Version {

    public static final String KUBERNETES_VERSION = "v1.32.3";
    public static final String J8S_VERSION = "0.1.0";

    private Version() {}

    public static ObjectNode document() {
        ObjectNode v = Json.object();
        v.put("major", "1");
        v.put("minor", "32");
        v.put("gitVersion", KUBERNETES_VERSION + "+j8s-" + J8S_VERSION);
        v.put("gitCommit", "j8s");
        v.put("gitTreeState", "clean");
        v.put("buildDate", "2026-11-25T00:00:00Z");
        v.put("goVersion", "java" + Runtime.version().feature());
        v.put("compiler", "javac");
        v.put("platform", "linux/amd64");
        return v;
    }
}
