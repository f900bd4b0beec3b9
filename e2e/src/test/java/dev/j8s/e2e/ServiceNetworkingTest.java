package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Services on three hollow nodes, driven with the real kubectl: cluster IPs and node ports from the server's
 * ranges, the kubernetes Service, EndpointSlices and legacy Endpoints that follow a Deployment's pods, the
 * Kubernetes error for a taken cluster IP, node pod ranges from the node IPAM controller, and allocations that
 * survive a restart.
 */
class ServiceNetworkingTest extends ServerPerClass {

    static final String NS = "net";
    static HollowProcess nodes;

    @BeforeAll
    static void threeNodes() throws Exception {
        nodes = HollowProcess.start(server.kubeconfig(), dir, "s-", 3, kubectl);
        kubectl.run("create", "namespace", NS).assertOk();
    }

    @AfterAll
    static void stopNodes() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
    }

    private static List<String> sliceAddresses() {
        String out = kubectl.run("get", "endpointslices", "-n", NS, "-l", "kubernetes.io/service-name=web", "-o",
                "jsonpath={range .items[*].endpoints[*]}{.addresses[0]}{\" \"}{end}").assertOk().out().trim();
        return out.isEmpty() ? List.of() : Arrays.asList(out.split("\\s+"));
    }

    @Test
    void servicesGetAddressesAndEndpointsFollowTheirPods() throws Exception {
        assertThat(kubectl.run("get", "svc", "kubernetes").assertOk().out())
                .containsPattern("(?m)^kubernetes\\s+ClusterIP\\s+10\\.43\\.0\\.1\\s+<none>\\s+443/TCP\\s+");

        kubectl.run("create", "deployment", "web", "-n", NS, "--image=echo:v1", "--replicas=3").assertOk();
        kubectl.run("rollout", "status", "deployment/web", "-n", NS, "--timeout=90s").assertOk();
        kubectl.run("expose", "deployment", "web", "-n", NS, "--port=80", "--target-port=8080").assertOk();
        String svc = kubectl.run("get", "svc", "web", "-n", NS).assertOk().out();
        assertThat(svc).containsPattern("(?m)^web\\s+ClusterIP\\s+10\\.43\\.\\d+\\.\\d+\\s+<none>\\s+80/TCP\\s+");
        String clusterIp = kubectl.run("get", "svc", "web", "-n", NS, "-o", "jsonpath={.spec.clusterIP}").assertOk()
                .out();

        List<String> podIps = Arrays.asList(kubectl.run("get", "pods", "-n", NS, "-l", "app=web", "-o",
                "jsonpath={.items[*].status.podIP}").assertOk().out().trim().split("\\s+"));
        assertThat(podIps).hasSize(3);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(sliceAddresses()).containsExactlyInAnyOrderElementsOf(podIps));
        assertThat(kubectl.run("get", "endpointslices", "-n", NS, "-l", "kubernetes.io/service-name=web").assertOk()
                .out()).containsPattern("(?m)^web-[a-z0-9]{5}\\s+IPv4\\s+8080\\s+");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String describe = kubectl.run("describe", "svc", "web", "-n", NS).assertOk().out();
            Matcher m = Pattern.compile("(?m)^Endpoints:\\s+(\\S+)").matcher(describe);
            assertThat(m.find()).as(describe).isTrue();
            assertThat(m.group(1).split(",")).containsExactlyInAnyOrderElementsOf(
                    podIps.stream().map(ip -> ip + ":8080").toList());
            assertThat(describe).containsPattern("IP:\\s+" + Pattern.quote(clusterIp));
        });

        kubectl.run("scale", "deployment", "web", "-n", NS, "--replicas=1").assertOk();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(sliceAddresses()).hasSize(1);
            assertThat(kubectl.run("get", "endpoints", "web", "-n", NS, "-o",
                    "jsonpath={.subsets[*].addresses[*].ip}").assertOk().out().trim().split("\\s+")).hasSize(1);
        });

        kubectl.run("create", "service", "nodeport", "np", "-n", NS, "--tcp=80:8080").assertOk();
        Matcher port = Pattern.compile("80:(\\d+)/TCP").matcher(kubectl.run("get", "svc", "np", "-n", NS).assertOk()
                .out());
        assertThat(port.find()).isTrue();
        assertThat(Integer.parseInt(port.group(1))).isBetween(30000, 32767);

        kubectl.run("create", "service", "clusterip", "first", "-n", NS, "--clusterip=10.43.100.100", "--tcp=80")
                .assertOk();
        Kubectl.Result taken = kubectl.run("create", "service", "clusterip", "second", "-n", NS,
                "--clusterip=10.43.100.100", "--tcp=80").assertFails();
        assertThat(taken.err()).contains("error: failed to create ClusterIP service: Service \"second\" is invalid: spec.clusterIPs: Invalid value: "
                + "[]string{\"10.43.100.100\"}: failed to allocate IP 10.43.100.100: provided IP is already allocated");
        Kubectl.Result outside = kubectl.run("create", "service", "clusterip", "outside", "-n", NS,
                "--clusterip=10.99.0.1", "--tcp=80").assertFails();
        assertThat(outside.err()).contains("the provided IP (10.99.0.1) is not in the valid range. The range of "
                + "valid IPs is 10.43.0.0/16");

        // Hollow nodes bring their own ranges; a node registered without one gets the first of the cluster CIDR.
        List<String> hollowCidrs = Arrays.asList(kubectl.run("get", "nodes", "-o",
                "jsonpath={.items[*].spec.podCIDR}").assertOk().out().trim().split("\\s+"));
        assertThat(hollowCidrs).hasSize(3).doesNotHaveDuplicates();
        kubectl.runWithInput("{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"bare\"}}",
                "create", "-f", "-").assertOk();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kubectl.run("get", "node", "bare",
                "-o", "jsonpath={.spec.podCIDR} {.spec.podCIDRs[0]}").assertOk().out())
                .isEqualTo("10.42.0.0/24 10.42.0.0/24"));

        // Allocations live in the store: after a restart the IPs stay taken and the kubernetes Service is kept.
        nodes.close();
        nodes = null;
        server.restart();
        assertThat(kubectl.run("get", "svc", "web", "-n", NS, "-o", "jsonpath={.spec.clusterIP}").assertOk().out())
                .isEqualTo(clusterIp);
        assertThat(kubectl.run("create", "service", "clusterip", "third", "-n", NS, "--clusterip=" + clusterIp,
                "--tcp=80").assertFails().err()).contains("provided IP is already allocated");
        assertThat(kubectl.run("get", "endpoints", "kubernetes", "-o",
                "jsonpath={.subsets[0].addresses[0].ip}:{.subsets[0].ports[0].port}").assertOk().out())
                .isEqualTo("127.0.0.1:" + apiPort());
    }

    private static String apiPort() throws Exception {
        String kubeconfig = java.nio.file.Files.readString(server.kubeconfig());
        Matcher m = Pattern.compile("https://127\\.0\\.0\\.1:(\\d+)").matcher(kubeconfig);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
