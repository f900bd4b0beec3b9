package dev.j8s.apiserver.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import dev.j8s.apiserver.http.ApiRequest;
import dev.j8s.apiserver.http.Responder;
import dev.j8s.apiserver.rest.ObjectStore;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.util.Set;

/**
 * The subresources kube-apiserver serves by calling the node's kubelet: {@code pods/log} (a streamed GET),
 * {@code pods/exec}, {@code pods/attach} and {@code pods/portforward} (upgraded connections relayed byte for
 * byte) and {@code nodes/proxy}. Runs on a worker thread; the relays themselves run on the client
 * connection's event loop.
 */
public final class NodeProxy {

    private static final Set<String> POD_STREAMS = Set.of("log", "exec", "attach", "portforward");

    private final ObjectStore objects;
    private final ResourceType pods;
    private final ResourceType nodes;
    private final NodeConnector connector;

    /** @param nodeClientSsl the API server's client identity towards agents, trusting the cluster CA */
    public NodeProxy(ObjectStore objects, ResourceRegistry registry, SslContext nodeClientSsl) {
        this.objects = objects;
        this.pods = registry.byResource("", "v1", "pods").orElseThrow();
        this.nodes = registry.byResource("", "v1", "nodes").orElseThrow();
        this.connector = nodeClientSsl == null ? null : new NodeConnector(nodeClientSsl);
    }

    public boolean handles(ResourceType type, String subresource) {
        return type == pods && subresource != null && POD_STREAMS.contains(subresource);
    }

    public void servePod(String namespace, String name, String subresource, ApiRequest request, Responder responder) {
        String method = request.method();
        boolean upgrade = !subresource.equals("log");
        if (!(method.equals("GET") || (upgrade && method.equals("POST")))) {
            throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        ObjectNode pod = objects.require(pods, namespace, name);
        String nodeName = pod.path("spec").path("nodeName").asText("");
        String path;
        if (subresource.equals("portforward")) {
            path = "/portForward/" + enc(namespace) + "/" + enc(name);
        } else {
            String container = PodContainers.choose(pod, request.param("container"));
            if (nodeName.isEmpty()) {
                if (subresource.equals("log")) {
                    throw ApiException.badRequest("container \"" + container + "\" in pod \"" + name
                            + "\" is waiting to start: " + PodContainers.waitingReason(pod, container));
                }
            }
            String route = switch (subresource) {
                case "log" -> "containerLogs";
                case "exec" -> "exec";
                default -> "attach";
            };
            path = "/" + route + "/" + enc(namespace) + "/" + enc(name) + "/" + enc(container);
        }
        if (nodeName.isEmpty()) {
            throw ApiException.badRequest("pod " + name + " does not have a host assigned");
        }
        NodeTarget target = NodeTarget.of(objects.require(nodes, null, nodeName),
                path + NodeTarget.query(request.query(), Set.of("container", "pretty")));
        if (upgrade) {
            relayUpgrade(target, request, responder);
        } else {
            relayResponse(target, request, responder);
        }
    }

    /** {@code /api/v1/nodes/{name}/proxy/{path}}: a GET passed to the node's agent. */
    public void serveNode(String nodeName, String rest, ApiRequest request, Responder responder) {
        if (!request.method().equals("GET")) {
            throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        NodeTarget target = NodeTarget.of(objects.require(nodes, null, nodeName),
                "/" + rest + NodeTarget.query(request.query(), Set.of()));
        relayResponse(target, request, responder);
    }

    private void relayResponse(NodeTarget target, ApiRequest request, Responder responder) {
        Channel client = clientChannel(responder);
        NodeConnector.Exchange exchange = connector.open(client.eventLoop(), target, "GET", request.headers(), false);
        if (exchange.head().status().code() / 100 != 2) {
            throw NodeConnector.errorFrom(exchange);
        }
        ResponseRelay.start(client, exchange, !"close".equalsIgnoreCase(request.header("Connection")));
    }

    private void relayUpgrade(NodeTarget target, ApiRequest request, Responder responder) {
        Channel client = clientChannel(responder);
        if (client instanceof Http2StreamChannel
                || !request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)) {
            throw ApiException.badRequest("Upgrade request required");
        }
        // Nothing the client sends may be parsed as HTTP while the agent answers the upgrade.
        client.config().setAutoRead(false);
        NodeConnector.Exchange exchange;
        try {
            exchange = connector.open(client.eventLoop(), target, request.method(), request.headers(), true);
        } catch (ApiException e) {
            client.config().setAutoRead(true);
            throw e;
        }
        if (exchange.head().status().code() != 101) {
            client.config().setAutoRead(true);
            throw NodeConnector.errorFrom(exchange);
        }
        UpgradeRelay.start(client, exchange);
    }

    private Channel clientChannel(Responder responder) {
        Channel client = responder.channel();
        if (client == null || connector == null) {
            throw ApiException.badRequest("streaming to a node needs the API server's HTTPS listener");
        }
        return client;
    }

    private static String enc(String segment) {
        return NodeTarget.encode(segment);
    }
}
