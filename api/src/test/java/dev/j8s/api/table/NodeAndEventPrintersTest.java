package dev.j8s.api.table;

import static dev.j8s.api.table.TestObjects.cells;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeAndEventPrintersTest {

    @Test
    void readyControlPlaneNode() {
        String json = "{'metadata':{'name':'node-1','creationTimestamp':'${-30d}','labels':{"
                + "'node-role.kubernetes.io/control-plane':'','node-role.kubernetes.io/master':'','kubernetes.io/os':'linux'}},"
                + "'spec':{},'status':{'conditions':[{'type':'MemoryPressure','status':'False'},{'type':'Ready','status':'True'}],"
                + "'addresses':[{'type':'Hostname','address':'node-1'},{'type':'InternalIP','address':'10.0.0.4'}],"
                + "'nodeInfo':{'kubeletVersion':'v1.32.3-j8s','osImage':'Debian GNU/Linux 12 (bookworm)',"
                + "'kernelVersion':'6.1.0-18-amd64','containerRuntimeVersion':'containerd://1.6.20'}}}";
        assertThat(cells(NodePrinter.create(), json)).containsExactly("node-1", "Ready", "control-plane,master", "30d",
                "v1.32.3-j8s", "10.0.0.4", "<none>", "Debian GNU/Linux 12 (bookworm)", "6.1.0-18-amd64",
                "containerd://1.6.20");
    }

    static Stream<Arguments> nodeStatuses() {
        return Stream.of(
                Arguments.of("{'conditions':[{'type':'Ready','status':'False'}]}", "{}", "NotReady"),
                Arguments.of("{'conditions':[{'type':'Ready','status':'Unknown'}]}", "{'unschedulable':true}",
                        "NotReady,SchedulingDisabled"),
                Arguments.of("{'conditions':[{'type':'Ready','status':'True'}]}", "{'unschedulable':true}",
                        "Ready,SchedulingDisabled"),
                Arguments.of("{}", "{}", "Unknown"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("nodeStatuses")
    void nodeStatus(String status, String spec, String expected) {
        String json = "{'metadata':{'name':'n','labels':{'kubernetes.io/role':'worker'}},'spec':" + spec
                + ",'status':" + status + "}";
        List<Object> cells = cells(NodePrinter.create(), json);
        assertThat(cells.subList(0, 5)).containsExactly("n", expected, "worker", "<unknown>", "");
        assertThat(cells.subList(5, 10)).containsExactly("<none>", "<none>", "<unknown>", "<unknown>", "<unknown>");
    }

    @Test
    void coreEvent() {
        String json = "{'metadata':{'name':'web.17c','namespace':'default'},'involvedObject':{'kind':'Pod','name':'web',"
                + "'fieldPath':'spec.containers{app}'},'reason':'BackOff','message':'Back-off restarting failed container\\n',"
                + "'source':{'component':'kubelet','host':'node-1'},'firstTimestamp':'${-10m}','lastTimestamp':'${-30s}',"
                + "'count':12,'type':'Warning'}";
        assertThat(cells(new EventPrinter(EventPrinter.CORE_V1), json)).containsExactly("30s", "Warning", "BackOff",
                "pod/web", "spec.containers{app}", "kubelet, node-1", "Back-off restarting failed container", "10m", 12L,
                "web.17c");
    }

    @Test
    void coreEventWithEventTimeOnly() {
        String json = "{'metadata':{'name':'e1'},'involvedObject':{'kind':'Node'},'reason':'Starting',"
                + "'eventTime':'2024-05-01T11:58:00.123456Z','reportingComponent':'j8s-agent','reportingInstance':'node-1',"
                + "'type':'Normal','message':'Starting agent'}";
        assertThat(cells(new EventPrinter(EventPrinter.CORE_V1), json)).containsExactly("119s", "Normal", "Starting",
                "node", "", "j8s-agent, node-1", "Starting agent", "119s", 1L, "e1");
    }

    @Test
    void seriesEventsReportTheLastObservation() {
        String json = "{'metadata':{'name':'e2'},'involvedObject':{'kind':'Pod','name':'p'},'reason':'Unhealthy',"
                + "'eventTime':'${-1h}','series':{'count':7,'lastObservedTime':'${-2m}'},'type':'Warning',"
                + "'source':{'component':'kubelet'},'message':'Readiness probe failed'}";
        assertThat(cells(new EventPrinter(EventPrinter.CORE_V1), json)).containsExactly("2m", "Warning", "Unhealthy",
                "pod/p", "", "kubelet", "Readiness probe failed", "60m", 7L, "e2");
    }

    @Test
    void eventsV1ShapePrintsTheSame() {
        String json = "{'apiVersion':'events.k8s.io/v1','kind':'Event','metadata':{'name':'e3'},"
                + "'regarding':{'kind':'Deployment','name':'shop'},'reason':'ScalingReplicaSet','note':'Scaled up to 3',"
                + "'reportingController':'deployment-controller','eventTime':'${-40s}',"
                + "'deprecatedFirstTimestamp':'${-5m}','deprecatedLastTimestamp':'${-40s}','deprecatedCount':2,"
                + "'type':'Normal'}";
        assertThat(cells(new EventPrinter(EventPrinter.EVENTS_V1), json)).containsExactly("40s", "Normal",
                "ScalingReplicaSet", "deployment/shop", "", "deployment-controller", "Scaled up to 3", "5m", 2L, "e3");
    }

    @Test
    void eventColumns() {
        Printer printer = new EventPrinter(EventPrinter.CORE_V1);
        assertThat(printer.columns()).extracting(Column::name).containsExactly("Last Seen", "Type", "Reason", "Object",
                "Subobject", "Source", "Message", "First Seen", "Count", "Name");
        assertThat(printer.columns()).extracting(Column::priority).containsExactly(0, 0, 0, 0, 1, 1, 0, 1, 1, 1);
        assertThat(printer.columns().get(9).format()).isEqualTo("name");
    }
}
