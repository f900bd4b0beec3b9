package dev.j8s.apiserver.pki;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** Writes kubeconfig files that the unmodified kubectl uses to reach j8s with a client certificate. */
public final class Kubeconfig {

    private Kubeconfig() {}

    /** Cluster "j8s", user "j8s-admin", context "j8s"; mode 0600, replaced atomically. */
    public static void write(Path file, String serverUrl, String caPem, IssuedCert user) throws IOException {
        ObjectNode config = Json.object();
        config.put("apiVersion", "v1");
        config.put("kind", "Config");
        ObjectNode cluster = config.putArray("clusters").addObject();
        cluster.put("name", "j8s");
        ObjectNode c = cluster.putObject("cluster");
        c.put("server", serverUrl);
        c.put("certificate-authority-data", base64(caPem));
        ObjectNode context = config.putArray("contexts").addObject();
        context.put("name", "j8s");
        context.putObject("context").put("cluster", "j8s").put("user", ClusterPki.ADMIN_USER);
        config.put("current-context", "j8s");
        config.putObject("preferences");
        ObjectNode u = config.putArray("users").addObject();
        u.put("name", ClusterPki.ADMIN_USER);
        u.putObject("user")
                .put("client-certificate-data", base64(user.certPem()))
                .put("client-key-data", base64(user.keyPem()));
        Files.createDirectories(file.toAbsolutePath().getParent());
        ClusterPki.writeSecret(file, Json.YAML.writeValueAsString(config));
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }
}
