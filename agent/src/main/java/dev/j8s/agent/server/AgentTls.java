package dev.j8s.agent.server;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLException;

/** TLS of the agent API: its serving certificate, and client certificates required and checked against the CA. */
public final class AgentTls {

    /** The identity the API server presents to agents (kube-apiserver's kubelet client certificate). */
    public static final String API_SERVER_USER = "system:kube-apiserver";
    public static final String MASTERS_GROUP = "system:masters";

    private AgentTls() {}

    /** A server context from PEM text: certificate (chain), PKCS#8 key, and the cluster CA that signs clients. */
    public static SslContext serverContext(String certPem, String keyPem, String caPem) {
        try {
            return SslContextBuilder.forServer(stream(certPem), stream(keyPem))
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .trustManager(stream(caPem))
                    .clientAuth(ClientAuth.REQUIRE)
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot build the agent's TLS context: " + e.getMessage(), e);
        }
    }

    /** The default authorization: the API server's identity, or any member of system:masters. */
    public static boolean isApiServer(X509Certificate client) {
        try {
            for (Rdn rdn : new LdapName(client.getSubjectX500Principal().getName()).getRdns()) {
                String value = String.valueOf(rdn.getValue());
                if ((rdn.getType().equalsIgnoreCase("CN") && value.equals(API_SERVER_USER))
                        || (rdn.getType().equalsIgnoreCase("O") && value.equals(MASTERS_GROUP))) {
                    return true;
                }
            }
            return false;
        } catch (InvalidNameException e) {
            return false;
        }
    }

    private static ByteArrayInputStream stream(String pem) {
        return new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8));
    }
}
