package dev.j8s.api.table;

import static dev.j8s.api.table.TestObjects.NOW;
import static dev.j8s.api.table.TestObjects.cells;
import static dev.j8s.api.table.TestObjects.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodPrinterTest {

    private final PodPrinter printer = new PodPrinter();

    private static final String ONE_CONTAINER = "'spec':{'nodeName':'node-1','containers':[{'name':'app','image':'nginx'}]}";

    private static String pod(String extraMetadata, String spec, String status) {
        return "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'web','namespace':'default',"
                + "'creationTimestamp':'${-5m}'" + extraMetadata + "}," + spec + ",'status':" + status + "}";
    }

    static Stream<Arguments> pods() {
        return Stream.of(
                Arguments.of("running and ready", pod("", ONE_CONTAINER,
                        "{'phase':'Running','conditions':[{'type':'Ready','status':'True'}],"
                                + "'containerStatuses':[{'name':'app','ready':true,'restartCount':0,"
                                + "'state':{'running':{'startedAt':'${-4m}'}}}]}"),
                        "1/1", "Running", "0"),
                Arguments.of("pending before scheduling", pod("",
                        "'spec':{'containers':[{'name':'app'}]}", "{'phase':'Pending'}"),
                        "0/1", "Pending", "0"),
                Arguments.of("creating containers", pod("", ONE_CONTAINER,
                        "{'phase':'Pending','containerStatuses':[{'name':'app','ready':false,'restartCount':0,"
                                + "'state':{'waiting':{'reason':'ContainerCreating'}}}]}"),
                        "0/1", "ContainerCreating", "0"),
                Arguments.of("image pull failing", pod("", ONE_CONTAINER,
                        "{'phase':'Pending','containerStatuses':[{'name':'app','ready':false,'restartCount':0,"
                                + "'state':{'waiting':{'reason':'ImagePullBackOff','message':'Back-off'}}}]}"),
                        "0/1", "ImagePullBackOff", "0"),
                Arguments.of("crash looping", pod("", ONE_CONTAINER,
                        "{'phase':'Running','containerStatuses':[{'name':'app','ready':false,'restartCount':3,"
                                + "'state':{'waiting':{'reason':'CrashLoopBackOff'}},"
                                + "'lastState':{'terminated':{'exitCode':1,'reason':'Error','finishedAt':'${-2m}'}}}]}"),
                        "0/1", "CrashLoopBackOff", "3 (2m ago)"),
                Arguments.of("restarted and running again", pod("", ONE_CONTAINER,
                        "{'phase':'Running','containerStatuses':[{'name':'app','ready':true,'restartCount':1,"
                                + "'state':{'running':{}},"
                                + "'lastState':{'terminated':{'exitCode':137,'reason':'OOMKilled','finishedAt':'${-75s}'}}}]}"),
                        "1/1", "Running", "1 (75s ago)"),
                Arguments.of("completed", pod("", ONE_CONTAINER,
                        "{'phase':'Succeeded','containerStatuses':[{'name':'app','ready':false,'restartCount':0,"
                                + "'state':{'terminated':{'exitCode':0,'reason':'Completed'}}}]}"),
                        "0/1", "Completed", "0"),
                Arguments.of("failed with reason", pod("", ONE_CONTAINER,
                        "{'phase':'Failed','containerStatuses':[{'name':'app','ready':false,'restartCount':0,"
                                + "'state':{'terminated':{'exitCode':1,'reason':'Error'}}}]}"),
                        "0/1", "Error", "0"),
                Arguments.of("terminated without reason", pod("", ONE_CONTAINER,
                        "{'phase':'Failed','containerStatuses':[{'name':'app','restartCount':0,"
                                + "'state':{'terminated':{'exitCode':137}}}]}"),
                        "0/1", "ExitCode:137", "0"),
                Arguments.of("killed by signal", pod("", ONE_CONTAINER,
                        "{'phase':'Failed','containerStatuses':[{'name':'app','restartCount':0,"
                                + "'state':{'terminated':{'exitCode':0,'signal':9}}}]}"),
                        "0/1", "Signal:9", "0"),
                Arguments.of("evicted", pod("", ONE_CONTAINER,
                        "{'phase':'Failed','reason':'Evicted','message':'low on memory'}"),
                        "0/1", "Evicted", "0"),
                Arguments.of("being deleted", pod(",'deletionTimestamp':'${-10s}'", ONE_CONTAINER,
                        "{'phase':'Running','containerStatuses':[{'name':'app','ready':true,'restartCount':0,"
                                + "'state':{'running':{}}}]}"),
                        "1/1", "Terminating", "0"),
                Arguments.of("deleted after completion stays Completed", pod(",'deletionTimestamp':'${-10s}'",
                        ONE_CONTAINER, "{'phase':'Succeeded','containerStatuses':[{'name':'app','restartCount':0,"
                                + "'state':{'terminated':{'exitCode':0,'reason':'Completed'}}}]}"),
                        "0/1", "Completed", "0"),
                Arguments.of("deleted on a lost node", pod(",'deletionTimestamp':'${-10s}'", ONE_CONTAINER,
                        "{'phase':'Running','reason':'NodeLost'}"),
                        "0/1", "Unknown", "0"),
                Arguments.of("scheduling gated", pod("", "'spec':{'containers':[{'name':'app'}]}",
                        "{'phase':'Pending','conditions':[{'type':'PodScheduled','status':'False',"
                                + "'reason':'SchedulingGated'}]}"),
                        "0/1", "SchedulingGated", "0"),
                Arguments.of("waiting for the init container", pod("",
                        "'spec':{'initContainers':[{'name':'setup'}],'containers':[{'name':'app'}]}",
                        "{'phase':'Pending','conditions':[{'type':'Initialized','status':'False'}],"
                                + "'initContainerStatuses':[{'name':'setup','ready':false,'restartCount':0,"
                                + "'state':{'running':{}}}],"
                                + "'containerStatuses':[{'name':'app','ready':false,'restartCount':0,"
                                + "'state':{'waiting':{'reason':'PodInitializing'}}}]}"),
                        "0/1", "Init:0/1", "0"),
                Arguments.of("second of two init containers", pod("",
                        "'spec':{'initContainers':[{'name':'a'},{'name':'b'}],'containers':[{'name':'app'}]}",
                        "{'phase':'Pending','initContainerStatuses':["
                                + "{'name':'a','restartCount':0,'state':{'terminated':{'exitCode':0,'reason':'Completed'}}},"
                                + "{'name':'b','restartCount':0,'state':{'waiting':{'reason':'PodInitializing'}}}]}"),
                        "0/1", "Init:1/2", "0"),
                Arguments.of("init container crash looping", pod("",
                        "'spec':{'initContainers':[{'name':'setup'}],'containers':[{'name':'app'}]}",
                        "{'phase':'Pending','initContainerStatuses':[{'name':'setup','restartCount':4,"
                                + "'state':{'waiting':{'reason':'CrashLoopBackOff'}},"
                                + "'lastState':{'terminated':{'exitCode':1,'finishedAt':'${-30s}'}}}],"
                                + "'containerStatuses':[{'name':'app','restartCount':0,"
                                + "'state':{'waiting':{'reason':'PodInitializing'}}}]}"),
                        "0/1", "Init:CrashLoopBackOff", "4 (30s ago)"),
                Arguments.of("init container failed", pod("",
                        "'spec':{'initContainers':[{'name':'setup'}],'containers':[{'name':'app'}]}",
                        "{'phase':'Pending','initContainerStatuses':[{'name':'setup','restartCount':0,"
                                + "'state':{'terminated':{'exitCode':2,'reason':'Error'}}}]}"),
                        "0/1", "Init:Error", "0"),
                Arguments.of("init container exited without reason", pod("",
                        "'spec':{'initContainers':[{'name':'setup'}],'containers':[{'name':'app'}]}",
                        "{'phase':'Pending','initContainerStatuses':[{'name':'setup','restartCount':0,"
                                + "'state':{'terminated':{'exitCode':3}}}]}"),
                        "0/1", "Init:ExitCode:3", "0"),
                Arguments.of("running with a sidecar", pod("",
                        "'spec':{'initContainers':[{'name':'proxy','restartPolicy':'Always'}],"
                                + "'containers':[{'name':'app'}]}",
                        "{'phase':'Running','conditions':[{'type':'Initialized','status':'True'},"
                                + "{'type':'Ready','status':'True'}],"
                                + "'initContainerStatuses':[{'name':'proxy','ready':true,'started':true,'restartCount':2,"
                                + "'state':{'running':{}},"
                                + "'lastState':{'terminated':{'exitCode':1,'finishedAt':'${-3m}'}}}],"
                                + "'containerStatuses':[{'name':'app','ready':true,'restartCount':0,"
                                + "'state':{'running':{}}}]}"),
                        "2/2", "Running", "2 (3m ago)"),
                Arguments.of("one container done, one running, pod ready", pod("",
                        "'spec':{'containers':[{'name':'main'},{'name':'job'}]}",
                        "{'phase':'Running','conditions':[{'type':'Ready','status':'True'}],'containerStatuses':["
                                + "{'name':'job','ready':false,'restartCount':0,"
                                + "'state':{'terminated':{'exitCode':0,'reason':'Completed'}}},"
                                + "{'name':'main','ready':true,'restartCount':0,'state':{'running':{}}}]}"),
                        "1/2", "Running", "0"),
                Arguments.of("one container done, one running, pod not ready", pod("",
                        "'spec':{'containers':[{'name':'main'},{'name':'job'}]}",
                        "{'phase':'Running','conditions':[{'type':'Ready','status':'False'}],'containerStatuses':["
                                + "{'name':'job','ready':false,'restartCount':0,"
                                + "'state':{'terminated':{'exitCode':0,'reason':'Completed'}}},"
                                + "{'name':'main','ready':true,'restartCount':0,'state':{'running':{}}}]}"),
                        "1/2", "NotReady", "0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pods")
    void readyStatusAndRestarts(String description, String json, String ready, String status, String restarts) {
        List<Object> cells = cells(printer, json);

        assertThat(cells).hasSize(printer.columns().size());
        assertThat(cells.subList(0, 5)).containsExactly("web", ready, status, restarts, "5m");
    }

    @Test
    void wideCellsShowIpNodeNominatedNodeAndReadinessGates() {
        List<Object> cells = cells(printer, pod("",
                "'spec':{'nodeName':'node-1','containers':[{'name':'app'}],"
                        + "'readinessGates':[{'conditionType':'example.com/lb'},{'conditionType':'example.com/dns'}]}",
                "{'phase':'Running','podIP':'10.42.0.7','podIPs':[{'ip':'10.42.0.7'},{'ip':'fd00::7'}],"
                        + "'nominatedNodeName':'node-2','conditions':[{'type':'example.com/lb','status':'True'},"
                        + "{'type':'example.com/dns','status':'False'}]}"));

        assertThat(cells.subList(5, 9)).containsExactly("10.42.0.7", "node-1", "node-2", "1/2");
    }

    @Test
    void wideCellsDefaultToNone() {
        List<Object> cells = cells(printer, pod("", "'spec':{'containers':[{'name':'app'}]}", "{'phase':'Pending'}"));

        assertThat(cells.subList(5, 9)).containsExactly("<none>", "<none>", "<none>", "<none>");
    }

    @Test
    void podIPsAloneAreEnough() {
        List<Object> cells = cells(printer, pod("", ONE_CONTAINER,
                "{'phase':'Running','podIPs':[{'ip':'10.42.0.9'}]}"));

        assertThat(cells.get(5)).isEqualTo("10.42.0.9");
    }

    @Test
    void finishedPodsCarryTheCompletedRowCondition() {
        assertThat(printer.conditions(obj(pod("", ONE_CONTAINER, "{'phase':'Succeeded'}"))))
                .containsExactly(new RowCondition("Completed", "True", "Succeeded", "The pod has completed successfully."));
        assertThat(printer.conditions(obj(pod("", ONE_CONTAINER, "{'phase':'Failed'}"))))
                .containsExactly(new RowCondition("Completed", "True", "Failed", "The pod failed."));
        assertThat(printer.conditions(obj(pod("", ONE_CONTAINER, "{'phase':'Running'}")))).isEmpty();
    }

    @Test
    void columnsMatchKubectl() {
        assertThat(printer.columns()).extracting(Column::name).containsExactly(
                "Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates");
        assertThat(printer.columns()).extracting(Column::priority).containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 1);
        assertThat(printer.columns()).extracting(Column::type).containsOnly("string");
        assertThat(printer.columns().get(0).format()).isEqualTo("name");
        assertThat(NOW).isNotNull();
    }
}
