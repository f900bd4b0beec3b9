package dev.j8s.net.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/**
 * Sends questions outside the cluster zone to the upstream resolvers (CoreDNS's {@code forward .
 * /etc/resolv.conf}), asynchronously: dnsjava's resolvers run on its own NIO selector thread, so a slow
 * upstream holds no thread of the DNS server. Upstreams are tried in turn; over UDP a truncated
 * upstream answer is fetched again over TCP.
 */
final class UpstreamForwarder {

    private final Resolver resolver;
    private final List<InetSocketAddress> upstreams;

    UpstreamForwarder(List<InetSocketAddress> upstreams, Duration timeout) {
        this.upstreams = List.copyOf(upstreams);
        if (upstreams.isEmpty()) {
            resolver = null;
            return;
        }
        SimpleResolver[] resolvers = upstreams.stream().map(SimpleResolver::new).toArray(SimpleResolver[]::new);
        ExtendedResolver extended = new ExtendedResolver(resolvers);
        extended.setTimeout(timeout);
        extended.setRetries(2);
        extended.setLoadBalance(false);
        resolver = extended;
    }

    List<InetSocketAddress> upstreams() {
        return upstreams;
    }

    /** The upstream's answer to {@code query}; fails when no upstream answers (the caller says SERVFAIL). */
    CompletableFuture<Message> forward(Message query) {
        if (resolver == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no upstream resolvers"));
        }
        Message copy = query.clone();
        // dnsjava adds its own OPT record when it needs one; a client's is not ours to pass on twice.
        return resolver.sendAsync(copy).toCompletableFuture();
    }
}
