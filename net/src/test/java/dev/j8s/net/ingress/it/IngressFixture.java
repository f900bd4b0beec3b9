package dev.j8s.net.ingress.it;

import dev.j8s.client.KubeClient;
import dev.j8s.net.endpoints.ServiceEndpoints;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** API objects the ingress tests create: selector-less Services, their EndpointSlices, Ingresses. */
final class IngressFixture {

    private final KubeClient client;
    final String ns;

    IngressFixture(KubeClient client, String ns) {
        this.client = client;
        this.ns = ns;
        client.resources(Namespace.class).create(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build());
    }

    /** A Service without selector: port 80 named "http" (its endpoints come from slices the test writes). */
    Service service(String name) {
        return client.resources(Service.class).create(new ServiceBuilder().withNewMetadata().withName(name)
                .withNamespace(ns).endMetadata().withNewSpec().addNewPort().withName("http").withPort(80)
                .withNewTargetPort(8080).endPort().endSpec().build());
    }

    /** One slice per upstream (a slice has one port list); conditions ready, serving, terminating. */
    EndpointSlice slice(String service, String sliceName, Upstream upstream, boolean ready, boolean terminating) {
        EndpointSlice slice = new EndpointSliceBuilder().withNewMetadata().withName(sliceName).withNamespace(ns)
                .addToLabels(ServiceEndpoints.SERVICE_NAME_LABEL, service).endMetadata().withAddressType("IPv4")
                .addNewPort().withName("http").withPort(upstream.port()).withProtocol("TCP").endPort()
                .addNewEndpoint().withAddresses(upstream.ip()).withNewConditions().withReady(ready).withServing(true)
                .withTerminating(terminating).endConditions().endEndpoint().build();
        var slices = client.resources(EndpointSlice.class);
        EndpointSlice existing;
        try {
            existing = slices.get(ns, sliceName);
        } catch (dev.j8s.client.ApiStatusException e) {
            return slices.create(slice);
        }
        slice.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        return slices.update(slice);
    }

    /** A slice for an address:port nobody listens on. */
    EndpointSlice deadSlice(String service, String sliceName, String ip, int port) {
        return client.resources(EndpointSlice.class).create(new EndpointSliceBuilder().withNewMetadata()
                .withName(sliceName).withNamespace(ns).addToLabels(ServiceEndpoints.SERVICE_NAME_LABEL, service)
                .endMetadata().withAddressType("IPv4").addNewPort().withName("http").withPort(port).withProtocol("TCP")
                .endPort().addNewEndpoint().withAddresses(ip).endEndpoint().build());
    }

    /**
     * An Ingress of class j8s: {@code rules} holds host, path, service triples (host "" for none; the
     * backend port is 80, or the name "http" when the service name ends in "@name").
     */
    Ingress ingress(String name, Map<String, String> annotations, String... rules) {
        List<io.fabric8.kubernetes.api.model.networking.v1.IngressRule> list = new ArrayList<>();
        for (int i = 0; i < rules.length; i += 3) {
            String svc = rules[i + 2];
            boolean byName = svc.endsWith("@name");
            String svcName = byName ? svc.substring(0, svc.length() - 5) : svc;
            var path = new HTTPIngressPathBuilder().withPath(rules[i + 1]).withPathType("Prefix").withNewBackend()
                    .withNewService().withName(svcName).withNewPort();
            var port = byName ? path.withName("http") : path.withNumber(80);
            list.add(new IngressRuleBuilder().withHost(rules[i].isEmpty() ? null : rules[i]).withNewHttp()
                    .addToPaths(port.endPort().endService().endBackend().build()).endHttp().build());
        }
        return client.resources(Ingress.class).create(new IngressBuilder().withNewMetadata().withName(name)
                .withNamespace(ns).withAnnotations(annotations).endMetadata().withNewSpec().withIngressClassName("j8s")
                .withRules(list).endSpec().build());
    }
}
