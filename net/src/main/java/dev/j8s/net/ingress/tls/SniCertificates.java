package dev.j8s.net.ingress.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.util.DomainWildcardMappingBuilder;
import io.netty.util.Mapping;
import java.util.Map;

/**
 * The certificate for each TLS host (SNI), replaced as a whole whenever Ingresses or Secrets change.
 * Wildcard hosts ({@code *.example.com}) match one label; a host without a certificate of its own, or
 * a client that sends no SNI, gets the default context.
 */
public final class SniCertificates implements Mapping<String, SslContext> {

    private volatile Mapping<String, SslContext> mapping;
    private volatile SslContext fallback;

    public SniCertificates(SslContext fallback) {
        this.fallback = fallback;
        this.mapping = host -> fallback;
    }

    /** Installs a new set: {@code byHost} keys are lower-case host names or {@code *.domain} wildcards. */
    public void update(Map<String, SslContext> byHost, SslContext defaultContext) {
        DomainWildcardMappingBuilder<SslContext> builder = new DomainWildcardMappingBuilder<>(defaultContext);
        byHost.forEach(builder::add);
        this.fallback = defaultContext;
        this.mapping = builder.build();
    }

    @Override
    public SslContext map(String host) {
        return host == null ? fallback : mapping.map(host);
    }
}
