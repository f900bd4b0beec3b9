package dev.j8s.apiserver.pki;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/** The parts of a written kubeconfig a client uses, read back the way clientcmd reads them. */
record KubeconfigFile(JsonNode document, String server, String caPem, String clientCertPem, String clientKeyPem) {

    static KubeconfigFile read(Path file) throws Exception {
        JsonNode config = Json.YAML.readTree(file.toFile());
        JsonNode cluster = config.path("clusters").path(0).path("cluster");
        JsonNode user = config.path("users").path(0).path("user");
        return new KubeconfigFile(config, cluster.path("server").asText(),
                decode(cluster.path("certificate-authority-data").asText()),
                decode(user.path("client-certificate-data").asText()),
                decode(user.path("client-key-data").asText()));
    }

    IssuedCert clientCert() {
        return new IssuedCert(Pem.parseCertificate(clientCertPem), Pem.parsePrivateKey(clientKeyPem),
                clientCertPem, clientKeyPem);
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
    }
}
