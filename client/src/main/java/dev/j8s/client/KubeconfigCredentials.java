package dev.j8s.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The server URL and TLS identity of a kubeconfig's current context (embedded
 * certificate-authority-data, client-certificate-data and client-key-data, as j8s writes them).
 */
public record KubeconfigCredentials(String server, SSLContext sslContext) {

    public static KubeconfigCredentials load(Path kubeconfig) throws IOException {
        JsonNode config = Json.YAML.readTree(kubeconfig.toFile());
        String contextName = config.path("current-context").asText();
        JsonNode context = named(config.path("contexts"), contextName).path("context");
        JsonNode cluster = named(config.path("clusters"), context.path("cluster").asText()).path("cluster");
        JsonNode user = named(config.path("users"), context.path("user").asText()).path("user");
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            X509Certificate ca = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(
                    decode(cluster, "certificate-authority-data")));
            X509Certificate cert = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(
                    decode(user, "client-certificate-data")));
            PrivateKey key = parseKey(new String(decode(user, "client-key-data"), StandardCharsets.US_ASCII));
            return new KubeconfigCredentials(cluster.path("server").asText(), sslContext(ca, cert, key));
        } catch (GeneralSecurityException e) {
            throw new IOException("invalid credentials in " + kubeconfig + ": " + e.getMessage(), e);
        }
    }

    private static SSLContext sslContext(X509Certificate ca, X509Certificate cert, PrivateKey key)
            throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("user", key, new char[0], new Certificate[] {cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ssl;
    }

    private static PrivateKey parseKey(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IOException("unsupported private key format");
        }
    }

    private static JsonNode named(JsonNode list, String name) {
        for (JsonNode item : list) {
            if (item.path("name").asText().equals(name)) {
                return item;
            }
        }
        return list.path(0);
    }

    private static byte[] decode(JsonNode node, String field) throws IOException {
        String value = node.path(field).asText("");
        if (value.isEmpty()) {
            throw new IOException("kubeconfig has no " + field);
        }
        return Base64.getDecoder().decode(value);
    }
}
