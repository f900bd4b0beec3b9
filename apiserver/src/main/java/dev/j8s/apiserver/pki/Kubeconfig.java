package dev.j8s.apiserver.pki;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/** The admin kubeconfig j8s writes so the unmodified kubectl can reach it with a client certificate. */
public final class Kubeconfig {

    public static final String CLUSTER = "j8s";
    public static final String USER = "j8s-admin";
    public static final String CONTEXT = "j8s";

    private Kubeconfig() {}

    /**
     * Writes a kubeconfig with one cluster, user and context, certificates embedded as *-data fields (base64 of the
     * PEM text, as clientcmd expects). Mode 0600 and written atomically: it holds the admin's private key, and
     * kubectl started while j8s rewrites it must read the old file or the new one.
     */
    public static void write(Path file, String serverUrl, String caPem, IssuedCert user) {
        try {
            PrivateFiles.write(file, Json.YAML.writeValueAsString(document(serverUrl, caPem, user)));
        } catch (JsonProcessingException e) {
            throw new PkiException("cannot encode kubeconfig", e);
        }
    }

    static ObjectNode document(String serverUrl, String caPem, IssuedCert user) {
        ObjectNode config = Json.object();
        config.put("apiVersion", "v1");
        config.put("kind", "Config");

        ObjectNode cluster = config.putArray("clusters").addObject();
        cluster.put("name", CLUSTER);
        cluster.putObject("cluster")
                .put("server", serverUrl)
                .put("certificate-authority-data", base64(caPem));

        ObjectNode account = config.putArray("users").addObject();
        account.put("name", USER);
        account.putObject("user")
                .put("client-certificate-data", base64(user.certPem()))
                .put("client-key-data", base64(Pem.kubeconfigKey(user.key(), user.certificate().getPublicKey())));

        ObjectNode context = config.putArray("contexts").addObject();
        context.put("name", CONTEXT);
        context.putObject("context").put("cluster", CLUSTER).put("user", USER);

        config.put("current-context", CONTEXT);
        config.putObject("preferences");
        return config;
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
