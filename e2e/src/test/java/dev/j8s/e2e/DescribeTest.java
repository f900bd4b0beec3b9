package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kubectl describe} on one object of every built-in kind, and the Events table it prints for an
 * object with core/v1 and events.k8s.io/v1 Events. describe issues its own follow-up requests (events by
 * field selector, pods and replica sets by label selector, leases, ...), so each kind checks those too.
 */
class DescribeTest extends ServerPerClass {

    private static final String NS = "shop";

    /**
     * One describe: its target, whether it lives in the namespace, whether kubectl prints a Namespace
     * line for the kind, and patterns (multi-line regex) for the kind's own lines.
     */
    record Case(String target, boolean namespaced, boolean namespaceLine, List<String> lines) {
        @Override
        public String toString() {
            return target;
        }

        String name() {
            return target.substring(target.indexOf('/') + 1);
        }
    }

    @BeforeAll
    static void createOneOfEachKind() throws URISyntaxException {
        Path manifest = Path.of(DescribeTest.class.getResource("/describe/all-kinds.yaml").toURI());
        kubectl.run("apply", "-f", manifest.toString()).assertOk();
    }

    static Stream<Case> kinds() {
        return Stream.of(
                ns("pod/web-0", "^Status:\\s+Pending$", "Image:\\s+nginx:1\\.27", "QoS Class:\\s+BestEffort"),
                ns("service/web", "Selector:\\s+app=web", "Port:\\s+http\\s+80/TCP", "TargetPort:\\s+80/TCP",
                        "Session Affinity:\\s+None"),
                ns("endpoints/manual", "Addresses:\\s+10\\.42\\.0\\.5", "http\\s+80\\s+TCP"),
                ns("endpointslice/manual-abc", "AddressType:\\s+IPv4", "- Addresses:\\s+10\\.42\\.0\\.5"),
                ns("deployment/api", "Replicas:\\s+2 desired", "StrategyType:\\s+RollingUpdate",
                        "RollingUpdateStrategy:\\s+25% max unavailable, 25% max surge",
                        "Image:\\s+registry\\.example/api:v3"),
                ns("replicaset/cache", "Replicas:\\s+[01] current / 1 desired", "Image:\\s+redis:7"),
                ns("statefulset/db", "Replicas:\\s+1 desired", "Update Strategy:\\s+RollingUpdate"),
                // kubectl's DaemonSet, Role and RoleBinding describers print no Namespace line
                nsUnprinted("daemonset/agent", "Selector:\\s+app=agent", "Desired Number of Nodes Scheduled: [01]"),
                ns("job/migrate", "Completions:\\s+1", "Backoff Limit:\\s+6", "Completion Mode:\\s+NonIndexed"),
                ns("cronjob/nightly", "Schedule:\\s+0 3 \\* \\* \\*", "Concurrency Policy:\\s+Allow"),
                ns("configmap/settings", "^mode:\\n-+\\nfast$", "^level:\\n-+\\n3$"),
                ns("secret/creds", "Type:\\s+Opaque", "^password:\\s+7 bytes$"),
                ns("serviceaccount/robot", "Tokens:\\s+<none>"),
                cluster("namespace/shop", "Status:\\s+Active", "team=retail",
                        "Container\\s+cpu\\s+-\\s+-\\s+100m\\s+500m"),
                cluster("node/node-1", "PodCIDR:\\s+10\\.42\\.1\\.0/24", "Non-terminated Pods:\\s+\\(0 in total\\)"),
                cluster("persistentvolume/pv-data", "Reclaim Policy:\\s+Retain", "Capacity:\\s+1Gi",
                        "Path:\\s+/tmp/pv-data"),
                ns("persistentvolumeclaim/data", "StorageClass:\\s+standard", "Status:\\s+Pending"),
                cluster("storageclass/standard", "Provisioner:\\s+example\\.com/hostpath", "ReclaimPolicy:\\s+Delete"),
                ns("ingress/shop", "Ingress Class:\\s+nginx", "shop\\.example\\.com", "/\\s+web:80"),
                cluster("ingressclass/nginx", "Controller:\\s+example\\.com/ingress-nginx"),
                ns("networkpolicy/deny-all", "Policy Types: Ingress"),
                nsUnprinted("role/reader", "pods\\s+\\[\\]\\s+\\[\\]\\s+\\[get list\\]"),
                nsUnprinted("rolebinding/reader-binding", "Kind:\\s+Role", "ServiceAccount\\s+robot\\s+shop"),
                cluster("clusterrole/node-viewer", "nodes\\s+\\[\\]\\s+\\[\\]\\s+\\[get\\]"),
                cluster("clusterrolebinding/node-viewer-binding", "Kind:\\s+ClusterRole", "User\\s+jane"),
                ns("horizontalpodautoscaler/api", "Reference:\\s+Deployment/api", "Min replicas:\\s+2",
                        "Max replicas:\\s+7"),
                ns("poddisruptionbudget/api", "Min available:\\s+1", "Selector:\\s+app=api"),
                cluster("priorityclass/critical", "Value:\\s+100000", "PreemptionPolicy:\\s+PreemptLowerPriority"),
                ns("resourcequota/quota", "Resource\\s+Used\\s+Hard"),
                ns("limitrange/limits", "Container\\s+cpu\\s+-\\s+-\\s+100m\\s+500m"),
                ns("lease/leader", "Holder Identity:\\s+api-0"),
                cluster("customresourcedefinition/widgets.example.com", "Kind:\\s+Widget", "Type:\\s+Established"),
                cluster("certificatesigningrequest/jane-csr", "Requesting User:\\s+j8s-admin",
                        "Signer:\\s+kubernetes\\.io/kube-apiserver-client", "Status:\\s+Pending",
                        "Common Name:\\s+jane"),
                cluster("validatingwebhookconfiguration/policy-check", "URL:\\s+https://127\\.0\\.0\\.1:9443/validate"),
                cluster("mutatingwebhookconfiguration/sidecar-injector", "URL:\\s+https://127\\.0\\.0\\.1:9443/mutate"),
                cluster("runtimeclass/gvisor", "Handler:\\s+runsc"),
                ns("replicationcontroller/legacy", "Replicas:\\s+0 current / 1 desired", "Selector:\\s+app=legacy"),
                cluster("csidriver/hostpath.csi.example.com", "Attach Required:\\s+false"),
                cluster("csinode/node-1", "Node ID:\\s+node-1"),
                cluster("volumeattachment/attach-data", "Persistent Volume Name:\\s+pv-data"),
                // one Event stored through each API, each described through the other one too
                ns("event/settings.reloaded", "Reason:\\s+Reloaded", "Count:\\s+2",
                        "Message:\\s+settings reloaded by the api"),
                ns("event.events.k8s.io/settings.reloaded", "Note:\\s+settings reloaded by the api",
                        "Deprecated Count:\\s+2", "Regarding:"),
                ns("event.events.k8s.io/api.scaled", "Note:\\s+Scaled up replica set api-abc to 2",
                        "Reporting Controller:\\s+deployment-controller"),
                ns("event/api.scaled", "Message:\\s+Scaled up replica set api-abc to 2",
                        "Reporting Component:\\s+deployment-controller", "Involved Object:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void describesEveryBuiltinKind(Case c) {
        List<String> args = c.namespaced()
                ? List.of("describe", "-n", NS, c.target()) : List.of("describe", c.target());
        String out = kubectl.run(args.toArray(String[]::new)).assertOk().out();

        assertThat(out).containsPattern(multiline("^Name:\\s+" + Pattern.quote(c.name()) + "$"));
        if (c.namespaceLine()) {
            assertThat(out).containsPattern(multiline("^Namespace:\\s+" + NS + "$"));
        }
        for (String line : c.lines()) {
            assertThat(out).containsPattern(multiline(line));
        }
    }

    @Test
    void describeShowsCoreAndEventsV1EventsOfTheObject() throws Exception {
        String uid = kubectl.run("get", "-n", NS, "pod/web-0", "-o", "jsonpath={.metadata.uid}").assertOk().out();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path events = dir.resolve("events.yaml");
        Files.writeString(events, """
                apiVersion: v1
                kind: Event
                metadata: {name: web-0.pulled, namespace: shop}
                involvedObject: {apiVersion: v1, kind: Pod, name: web-0, namespace: shop, uid: %1$s}
                type: Normal
                reason: Pulled
                message: Container image "nginx:1.27" already present on machine
                source: {component: kubelet, host: node-1}
                count: 1
                firstTimestamp: "%3$s"
                lastTimestamp: "%3$s"
                ---
                apiVersion: v1
                kind: Event
                metadata: {name: web-0.backoff, namespace: shop}
                involvedObject: {apiVersion: v1, kind: Pod, name: web-0, namespace: shop, uid: %1$s}
                type: Warning
                reason: BackOff
                message: Back-off restarting failed container web in pod web-0
                source: {component: kubelet, host: node-1}
                count: 5
                firstTimestamp: "%2$s"
                lastTimestamp: "%3$s"
                ---
                apiVersion: events.k8s.io/v1
                kind: Event
                metadata: {name: web-0.probe, namespace: shop}
                regarding: {apiVersion: v1, kind: Pod, name: web-0, namespace: shop, uid: %1$s}
                type: Warning
                reason: Unhealthy
                note: "Readiness probe failed: connection refused"
                action: Probe
                reportingController: kubelet
                reportingInstance: node-1
                eventTime: "%4$s"
                series: {count: 3, lastObservedTime: "%5$s"}
                ---
                apiVersion: v1
                kind: Event
                metadata: {name: other.created, namespace: shop}
                involvedObject: {apiVersion: v1, kind: ConfigMap, name: settings, namespace: shop}
                type: Normal
                reason: NotAboutThePod
                message: must not show in the pod's events
                count: 1
                lastTimestamp: "%3$s"
                """.formatted(uid, time(now.minus(Duration.ofMinutes(10))), time(now.minus(Duration.ofMinutes(2))),
                micro(now.minus(Duration.ofMinutes(3))), micro(now.minus(Duration.ofMinutes(1)))));
        kubectl.run("apply", "-f", events.toString()).assertOk();

        String describe = kubectl.run("describe", "-n", NS, "pod/web-0").assertOk().out();
        String table = describe.substring(describe.indexOf("Events:"));
        assertThat(table).containsPattern("Type\\s+Reason\\s+Age\\s+From\\s+Message");
        assertThat(table).containsPattern("Warning\\s+BackOff\\s+2m\\d*s? \\(x5 over 10m\\)\\s+kubelet\\s+"
                + "Back-off restarting failed container web in pod web-0");
        assertThat(table).containsPattern("Warning\\s+Unhealthy\\s+\\S+ \\(x3 over 3m\\d*s?\\)\\s+kubelet\\s+"
                + "Readiness probe failed: connection refused");
        assertThat(table).containsPattern("Normal\\s+Pulled\\s+2m\\d*s?\\s+kubelet\\s+Container image");
        assertThat(table).doesNotContain("NotAboutThePod");

        String listed = kubectl.run("get", "events", "-n", NS, "-o", "name").assertOk().out();
        assertThat(listed.lines()).contains("event/web-0.pulled", "event/web-0.backoff", "event/web-0.probe");
        String listedV1 = kubectl.run("get", "events.events.k8s.io", "-n", NS, "-o", "name").assertOk().out();
        assertThat(listedV1.lines()).contains("event.events.k8s.io/web-0.backoff",
                "event.events.k8s.io/web-0.probe");
        String eventsCommand = kubectl.run("events", "-n", NS, "--for", "pod/web-0").assertOk().out();
        assertThat(eventsCommand).containsPattern("\\(x5 over 10m\\)\\s+Warning\\s+BackOff\\s+Pod/web-0");
        assertThat(eventsCommand).containsPattern("\\(x3 over 3m\\d*s?\\)\\s+Warning\\s+Unhealthy\\s+Pod/web-0");
        assertThat(eventsCommand).doesNotContain("NotAboutThePod");
    }

    @Test
    void describeDeploymentFindsTheReplicaSetItControls() throws Exception {
        kubectl.run("create", "deployment", "shelf", "-n", NS, "--image=nginx:1.27").assertOk();
        // The Deployment controller creates the ReplicaSet: the template plus pod-template-hash, owned by it.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> !kubectl.run("get", "rs",
                "-n", NS, "-l", "app=shelf", "-o", "name").assertOk().out().isBlank());

        String out = kubectl.run("describe", "-n", NS, "deployment/shelf").assertOk().out();
        assertThat(out).containsPattern(multiline("^OldReplicaSets:\\s+<none>$"));
        assertThat(out).containsPattern(multiline("^NewReplicaSet:\\s+shelf-[a-z0-9]+ \\([01]/1 replicas created\\)$"));
    }

    private static Case ns(String target, String... lines) {
        return new Case(target, true, true, List.of(lines));
    }

    private static Case nsUnprinted(String target, String... lines) {
        return new Case(target, true, false, List.of(lines));
    }

    private static Case cluster(String target, String... lines) {
        return new Case(target, false, false, List.of(lines));
    }

    private static Pattern multiline(String regex) {
        return Pattern.compile(regex, Pattern.MULTILINE);
    }

    private static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static String micro(Instant instant) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(java.time.ZoneOffset.UTC)
                .format(instant);
    }
}
