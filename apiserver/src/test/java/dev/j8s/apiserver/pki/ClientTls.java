package dev.j8s.apiserver.pki;

import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/** JDK client TLS set up from PEM text, as a kubeconfig provides it. */
final class ClientTls {

    private ClientTls() {}

    /** Trusts only caPem; presents the client certificate when one is given. */
    static SSLContext context(String caPem, IssuedCert client) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", Pem.parseCertificate(caPem));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);

        SSLContext context = SSLContext.getInstance("TLS");
        KeyManager[] keyManagers = client == null ? null : new KeyManager[] {new AlwaysPresent(client)};
        context.init(keyManagers, trustManagers.getTrustManagers(), null);
        return context;
    }

    /**
     * Sends its certificate whatever CAs the server names, as client-go does (its GetClientCertificate returns the
     * configured certificate unconditionally). The JDK's own key manager would silently send nothing for a
     * certificate from a foreign CA, hiding whether the server rejects it.
     */
    private static final class AlwaysPresent extends X509ExtendedKeyManager {
        private static final String ALIAS = "client";
        private final IssuedCert client;

        AlwaysPresent(IssuedCert client) {
            this.client = client;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return new X509Certificate[] {client.certificate()};
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return client.key();
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
