package dev.j8s.net.ingress;

import dev.j8s.client.informer.Indexer;
import dev.j8s.net.ingress.route.RouteTableBuilder;
import dev.j8s.net.ingress.tls.InvalidTlsSecretException;
import dev.j8s.net.ingress.tls.ServerTls;
import dev.j8s.net.ingress.tls.SniCertificates;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.netty.handler.ssl.SslContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificates of the Ingresses' {@code spec.tls} entries: each host gets the context of its
 * {@code kubernetes.io/tls} Secret (in the Ingress's namespace; the older Ingress wins a host). The
 * first certificate found is the default for hosts without one and clients without SNI; with none at
 * all, a self-signed one is. Contexts are cached by Secret uid and resourceVersion.
 */
final class TlsHosts {

    private static final Logger log = LoggerFactory.getLogger(TlsHosts.class);

    private final Indexer<Secret> secrets;
    private final SniCertificates certificates;
    private final SslContext selfSigned;
    private Map<String, SslContext> cache = new HashMap<>();

    TlsHosts(Indexer<Secret> secrets, SniCertificates certificates, SslContext selfSigned) {
        this.secrets = secrets;
        this.certificates = certificates;
        this.selfSigned = selfSigned;
    }

    /** Installs the certificates of these Ingresses. Runs on the route-sync thread only. */
    void update(List<Ingress> ingresses) {
        List<Ingress> sorted = new ArrayList<>(ingresses);
        sorted.sort(RouteTableBuilder.AGE);
        Map<String, SslContext> byHost = new HashMap<>();
        Map<String, SslContext> used = new HashMap<>();
        SslContext first = null;
        for (Ingress ingress : sorted) {
            if (ingress.getSpec() == null || ingress.getSpec().getTls() == null) {
                continue;
            }
            for (IngressTLS tls : ingress.getSpec().getTls()) {
                SslContext context = context(ingress.getMetadata().getNamespace(), tls.getSecretName(), used);
                if (context == null) {
                    continue;
                }
                first = first == null ? context : first;
                for (String host : tls.getHosts() == null ? List.<String>of() : tls.getHosts()) {
                    byHost.putIfAbsent(host.trim().toLowerCase(Locale.ROOT), context);
                }
            }
        }
        cache = used;
        certificates.update(byHost, first == null ? selfSigned : first);
    }

    private SslContext context(String namespace, String secretName, Map<String, SslContext> used) {
        if (secretName == null || secretName.isEmpty()) {
            return null;
        }
        Secret secret = secrets.get(namespace, secretName);
        if (secret == null || secret.getData() == null) {
            return null;
        }
        String key = secret.getMetadata().getUid() + "@" + secret.getMetadata().getResourceVersion();
        SslContext context = used.get(key);
        if (context == null) {
            context = cache.get(key);
        }
        if (context == null) {
            try {
                context = ServerTls.fromPem(decode(secret, "tls.crt"), decode(secret, "tls.key"));
            } catch (InvalidTlsSecretException e) {
                log.warn("ingress: ignoring TLS secret {}/{}: {}", namespace, secretName, e.getMessage());
                return null;
            }
        }
        used.put(key, context);
        return context;
    }

    private static String decode(Secret secret, String field) {
        String value = secret.getData().get(field);
        return value == null ? "" : new String(Base64.getDecoder().decode(value), StandardCharsets.US_ASCII);
    }
}
