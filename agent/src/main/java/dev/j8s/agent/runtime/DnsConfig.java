package dev.j8s.agent.runtime;

import java.util.List;

/**
 * A pod's resolver configuration, as CRI's DNSConfig carries it to the runtime, which writes it to the
 * sandbox's /etc/resolv.conf. The process runtime ignores it: its containers are host processes that
 * share the host's network and its /etc/resolv.conf, and cannot be given another one.
 */
public record DnsConfig(List<String> servers, List<String> searches, List<String> options) {

    public DnsConfig {
        servers = List.copyOf(servers);
        searches = List.copyOf(searches);
        options = List.copyOf(options);
    }
}
