package dev.j8s.net.endpoints;

/**
 * One address:port that serves a Service port, as an EndpointSlice lists it.
 *
 * @param address the endpoint's IP (a pod IP, or any address for selector-less Services)
 * @param port the target port number on that address
 * @param ready the slice's {@code ready} condition: receives new traffic
 * @param serving the slice's {@code serving} condition: can answer, even while terminating
 * @param terminating the slice's {@code terminating} condition: draining, takes no new connections
 * @param podName the pod behind the endpoint, or null
 * @param nodeName the node the endpoint runs on, or null
 * @param hostname the endpoint's DNS hostname (StatefulSet pods behind a headless Service), or null
 */
public record ServiceEndpoint(String address, int port, boolean ready, boolean serving, boolean terminating,
                              String podName, String nodeName, String hostname) {}
