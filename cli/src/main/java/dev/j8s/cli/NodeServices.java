package dev.j8s.cli;

import dev.j8s.client.KubeClient;
import dev.j8s.client.events.ApiEventSink;
import dev.j8s.client.events.EventBroadcaster;
import dev.j8s.client.events.EventSource;
import dev.j8s.client.informer.SharedInformerFactory;
import dev.j8s.net.endpoints.ServiceEndpoints;
import dev.j8s.net.proxy.ProxyConfig;
import dev.j8s.net.proxy.ProxyMode;
import dev.j8s.net.proxy.ServiceProxy;
import dev.j8s.net.proxy.TcpForwarder;
import dev.j8s.net.servicelb.ServiceLoadBalancer;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Clock;
import java.time.Duration;

/**
 * The Service plumbing of one node: the service proxy and the built-in service LB, on their own
 * Service and EndpointSlice informers and one shared userspace forwarder.
 */
final class NodeServices implements AutoCloseable {

    private final SharedInformerFactory informers;
    private final TcpForwarder forwarder;
    private final EventBroadcaster events;
    private final ServiceProxy proxy;
    private final ServiceLoadBalancer serviceLb;

    private NodeServices(SharedInformerFactory informers, TcpForwarder forwarder, EventBroadcaster events,
                         ServiceProxy proxy, ServiceLoadBalancer serviceLb) {
        this.informers = informers;
        this.forwarder = forwarder;
        this.events = events;
        this.proxy = proxy;
        this.serviceLb = serviceLb;
    }

    static NodeServices start(KubeClient client, String nodeName, String nodeIp, ServiceProxyOptions options) {
        Clock clock = Clock.systemUTC();
        SharedInformerFactory informers = new SharedInformerFactory(client);
        TcpForwarder forwarder = new TcpForwarder("j8s-proxy");
        EventBroadcaster events = new EventBroadcaster("j8s-servicelb",
                new ApiEventSink(client.resources(Event.class)), clock);
        ServiceEndpoints endpoints = new ServiceEndpoints(informers.informerFor(EndpointSlice.class));
        ServiceProxy proxy = null;
        ServiceLoadBalancer serviceLb = null;
        if (!options.disableProxy) {
            ProxyConfig config = ProxyConfig.defaults(ProxyMode.parse(options.mode))
                    .withNodePortAddresses(options.nodePortAddresses);
            config = new ProxyConfig(config.mode(),
                    options.clusterCidr != null ? options.clusterCidr : config.clusterCidr(), config.nodePortAddresses(),
                    Duration.ofMillis(options.minSyncMillis), config.table(), config.nft());
            proxy = new ServiceProxy(informers.informerFor(Service.class), endpoints, config, forwarder, clock);
            System.out.println("j8s: service proxy in " + proxy.mode().name().toLowerCase() + " mode");
        }
        if (!options.disableServiceLb) {
            serviceLb = new ServiceLoadBalancer(informers.informerFor(Service.class), endpoints,
                    client.resources(Service.class), events.newRecorder(new EventSource("j8s-servicelb", nodeName)),
                    new ServiceLoadBalancer.Config(options.serviceLbBindAddress,
                            options.serviceLbIngressIp != null ? options.serviceLbIngressIp : nodeIp),
                    forwarder, clock);
        }
        informers.start();
        if (proxy != null) {
            proxy.start();
        }
        if (serviceLb != null) {
            serviceLb.start();
        }
        return new NodeServices(informers, forwarder, events, proxy, serviceLb);
    }

    @Override
    public void close() {
        if (serviceLb != null) {
            serviceLb.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        informers.close();
        forwarder.close();
        events.close();
    }
}
