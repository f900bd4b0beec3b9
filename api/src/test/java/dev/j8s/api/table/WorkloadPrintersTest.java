package dev.j8s.api.table;

import static dev.j8s.api.table.TestObjects.cells;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkloadPrintersTest {

    private static final String TEMPLATE = "'template':{'metadata':{'labels':{'app':'shop'}},'spec':{'containers':["
            + "{'name':'web','image':'nginx:1.25'},{'name':'sidecar','image':'envoy:v1'}]}}";

    static Stream<Arguments> objects() {
        return Stream.of(
                Arguments.of("deployment rolling out", WorkloadPrinters.deployments(),
                        "{'metadata':{'name':'shop','creationTimestamp':'${-10m}'},'spec':{'replicas':3,"
                                + "'selector':{'matchLabels':{'app':'shop'}}," + TEMPLATE + "},"
                                + "'status':{'replicas':3,'updatedReplicas':1,'readyReplicas':2,'availableReplicas':2}}",
                        List.of("shop", "2/3", 1L, 2L, "10m", "web,sidecar", "nginx:1.25,envoy:v1", "app=shop")),
                Arguments.of("deployment without status", WorkloadPrinters.deployments(),
                        "{'metadata':{'name':'new','creationTimestamp':'${-3s}'},'spec':{'replicas':2,"
                                + "'selector':{}," + TEMPLATE + "}}",
                        List.of("new", "0/2", 0L, 0L, "3s", "web,sidecar", "nginx:1.25,envoy:v1", "")),
                Arguments.of("deployment with defaulted replicas", WorkloadPrinters.deployments(),
                        "{'metadata':{'name':'one','creationTimestamp':'${-2h}'},'spec':{'selector':{'matchExpressions':"
                                + "[{'key':'app','operator':'In','values':['b','a']}]}," + TEMPLATE + "},"
                                + "'status':{'readyReplicas':1,'updatedReplicas':1,'availableReplicas':1}}",
                        List.of("one", "1/1", 1L, 1L, "120m", "web,sidecar", "nginx:1.25,envoy:v1", "app in (a,b)")),
                Arguments.of("replica set", WorkloadPrinters.replicaSets(),
                        "{'metadata':{'name':'shop-5d9c7','creationTimestamp':'${-26h}'},'spec':{'replicas':3,"
                                + "'selector':{'matchLabels':{'app':'shop','pod-template-hash':'5d9c7'}}," + TEMPLATE + "},"
                                + "'status':{'replicas':3,'readyReplicas':3}}",
                        List.of("shop-5d9c7", 3L, 3L, 3L, "26h", "web,sidecar", "nginx:1.25,envoy:v1",
                                "app=shop,pod-template-hash=5d9c7")),
                Arguments.of("scaled-down replica set", WorkloadPrinters.replicaSets(),
                        "{'metadata':{'name':'shop-old','creationTimestamp':'${-9d}'},'spec':{'replicas':0,"
                                + "'selector':{'matchLabels':{'app':'shop'}}," + TEMPLATE + "},'status':{'replicas':0}}",
                        List.of("shop-old", 0L, 0L, 0L, "9d", "web,sidecar", "nginx:1.25,envoy:v1", "app=shop")),
                Arguments.of("replication controller", WorkloadPrinters.replicationControllers(),
                        "{'metadata':{'name':'legacy','creationTimestamp':'${-1m}'},'spec':{'replicas':2,"
                                + "'selector':{'app':'legacy'}," + TEMPLATE + "},'status':{'replicas':2,'readyReplicas':1}}",
                        List.of("legacy", 2L, 2L, 1L, "60s", "web,sidecar", "nginx:1.25,envoy:v1", "app=legacy")),
                Arguments.of("stateful set", WorkloadPrinters.statefulSets(),
                        "{'metadata':{'name':'db','creationTimestamp':'${-3d}'},'spec':{'replicas':3,"
                                + "'serviceName':'db'," + TEMPLATE + "},'status':{'replicas':3,'readyReplicas':2}}",
                        List.of("db", "2/3", "3d", "web,sidecar", "nginx:1.25,envoy:v1")),
                Arguments.of("daemon set", WorkloadPrinters.daemonSets(),
                        "{'metadata':{'name':'agent','creationTimestamp':'${-5h}'},'spec':{"
                                + "'selector':{'matchLabels':{'app':'agent'}},'template':{'spec':{"
                                + "'nodeSelector':{'kubernetes.io/os':'linux'},'containers':[{'name':'a','image':'agent:2'}]}}},"
                                + "'status':{'desiredNumberScheduled':3,'currentNumberScheduled':3,'numberReady':2,"
                                + "'updatedNumberScheduled':3,'numberAvailable':2}}",
                        List.of("agent", 3L, 3L, 2L, 3L, 2L, "kubernetes.io/os=linux", "5h", "a", "agent:2", "app=agent")),
                Arguments.of("daemon set without node selector", WorkloadPrinters.daemonSets(),
                        "{'metadata':{'name':'agent','creationTimestamp':'${-5h}'},'spec':{"
                                + "'selector':{'matchLabels':{'app':'agent'}},'template':{'spec':{"
                                + "'containers':[{'name':'a','image':'agent:2'}]}}}}",
                        List.of("agent", 0L, 0L, 0L, 0L, 0L, "<none>", "5h", "a", "agent:2", "app=agent")),
                Arguments.of("controller revision", WorkloadPrinters.controllerRevisions(),
                        "{'metadata':{'name':'db-7b9f','creationTimestamp':'${-3d}','ownerReferences':["
                                + "{'apiVersion':'apps/v1','kind':'StatefulSet','name':'db','controller':true}]},'revision':2}",
                        List.of("db-7b9f", "statefulset.apps/db", 2L, "3d")),
                Arguments.of("orphan controller revision", WorkloadPrinters.controllerRevisions(),
                        "{'metadata':{'name':'x','creationTimestamp':'${-3d}'},'revision':1}",
                        List.of("x", "<none>", 1L, "3d")),
                Arguments.of("pod template", WorkloadPrinters.podTemplates(),
                        "{'metadata':{'name':'tpl','creationTimestamp':'${-3d}'}," + TEMPLATE + "}",
                        List.of("tpl", "web,sidecar", "nginx:1.25,envoy:v1", "app=shop")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objects")
    void printsTheCellsKubectlShows(String description, Printer printer, String json, List<Object> expected) {
        assertThat(cells(printer, json)).containsExactlyElementsOf(expected);
        assertThat(printer.columns()).hasSize(expected.size());
    }

    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of(WorkloadPrinters.deployments(),
                        List.of("Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector")),
                Arguments.of(WorkloadPrinters.replicaSets(),
                        List.of("Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector")),
                Arguments.of(WorkloadPrinters.statefulSets(), List.of("Name", "Ready", "Age", "Containers", "Images")),
                Arguments.of(WorkloadPrinters.daemonSets(), List.of("Name", "Desired", "Current", "Ready", "Up-to-date",
                        "Available", "Node Selector", "Age", "Containers", "Images", "Selector")));
    }

    @ParameterizedTest
    @MethodSource("headers")
    void columnsWithWideOnesLast(Printer printer, List<String> names) {
        assertThat(printer.columns()).extracting(Column::name).containsExactlyElementsOf(names);
        assertThat(printer.columns().subList(names.size() - 2, names.size())).extracting(Column::priority)
                .containsOnly(1);
        assertThat(printer.columns().stream().filter(c -> c.name().equals("Age")).findFirst().orElseThrow().priority())
                .isZero();
    }
}
