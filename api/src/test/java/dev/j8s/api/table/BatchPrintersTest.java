package dev.j8s.api.table;

import static dev.j8s.api.table.TestObjects.cells;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BatchPrintersTest {

    private static final String POD = "'template':{'spec':{'restartPolicy':'Never','containers':"
            + "[{'name':'pi','image':'perl:5.34'}]}}";
    private static final String SELECTOR = "'selector':{'matchLabels':{'batch.kubernetes.io/controller-uid':'u1'}}";

    private static String job(String spec, String status) {
        return "{'metadata':{'name':'pi','creationTimestamp':'${-20m}'},'spec':{" + spec + "," + SELECTOR + ","
                + POD + "},'status':" + status + "}";
    }

    static Stream<Arguments> jobs() {
        return Stream.of(
                Arguments.of("complete", job("'completions':1,'parallelism':1",
                        "{'succeeded':1,'startTime':'${-20m}','completionTime':'${-19m}',"
                                + "'conditions':[{'type':'SuccessCriteriaMet','status':'True'},"
                                + "{'type':'Complete','status':'True'}]}"),
                        "Complete", "1/1", "60s"),
                Arguments.of("running", job("'completions':3,'parallelism':1",
                        "{'active':1,'succeeded':1,'startTime':'${-200s}'}"),
                        "Running", "1/3", "3m20s"),
                Arguments.of("not started", job("'completions':1", "{}"), "Running", "0/1", ""),
                Arguments.of("failed", job("'completions':1,'backoffLimit':0",
                        "{'failed':1,'startTime':'${-20m}','conditions':[{'type':'FailureTarget','status':'True'},"
                                + "{'type':'Failed','status':'True','reason':'BackoffLimitExceeded'}]}"),
                        "Failed", "0/1", "20m"),
                Arguments.of("failing", job("'completions':1",
                        "{'startTime':'${-20m}','conditions':[{'type':'FailureTarget','status':'True'}]}"),
                        "FailureTarget", "0/1", "20m"),
                Arguments.of("suspended", job("'completions':2,'suspend':true",
                        "{'conditions':[{'type':'Suspended','status':'True'}]}"),
                        "Suspended", "0/2", ""),
                Arguments.of("work queue", job("'parallelism':2", "{'active':2,'startTime':'${-5s}'}"),
                        "Running", "0/1 of 2", "5s"),
                Arguments.of("stale complete condition", job("'completions':1",
                        "{'conditions':[{'type':'Complete','status':'False'}]}"),
                        "Running", "0/1", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jobs")
    void jobs(String description, String json, String status, String completions, String duration) {
        assertThat(cells(BatchPrinters.jobs(), json)).containsExactly("pi", status, completions, duration, "20m",
                "pi", "perl:5.34", "batch.kubernetes.io/controller-uid=u1");
    }

    @Test
    void terminatingJob() {
        String json = "{'metadata':{'name':'pi','creationTimestamp':'${-20m}','deletionTimestamp':'${-1s}'},"
                + "'spec':{'completions':1," + POD + "},'status':{'active':1,'startTime':'${-20m}'}}";
        assertThat(cells(BatchPrinters.jobs(), json).subList(0, 4)).containsExactly("pi", "Terminating", "0/1", "20m");
    }

    @Test
    void jobColumns() {
        assertThat(BatchPrinters.jobs().columns()).extracting(Column::name).containsExactly(
                "Name", "Status", "Completions", "Duration", "Age", "Containers", "Images", "Selector");
    }

    @Test
    void cronJobs() {
        String json = "{'metadata':{'name':'backup','creationTimestamp':'${-3d}'},'spec':{'schedule':'*/5 * * * *',"
                + "'suspend':false,'jobTemplate':{'spec':{" + POD + "}}},"
                + "'status':{'active':[{'kind':'Job','name':'backup-1'}],'lastScheduleTime':'${-4m}'}}";
        assertThat(cells(BatchPrinters.cronJobs(), json)).containsExactly(
                "backup", "*/5 * * * *", "<none>", "False", 1L, "4m", "3d", "pi", "perl:5.34", "<none>");
    }

    @Test
    void cronJobNeverScheduledWithTimeZone() {
        String json = "{'metadata':{'name':'report','creationTimestamp':'${-30s}'},'spec':{'schedule':'0 6 * * *',"
                + "'timeZone':'Europe/Paris','suspend':true,'jobTemplate':{'spec':{" + POD + "}}},'status':{}}";
        assertThat(cells(BatchPrinters.cronJobs(), json).subList(0, 7)).containsExactly(
                "report", "0 6 * * *", "Europe/Paris", "True", 0L, "<none>", "30s");
        assertThat(BatchPrinters.cronJobs().columns()).extracting(Column::name).containsExactly("Name", "Schedule",
                "Timezone", "Suspend", "Active", "Last Schedule", "Age", "Containers", "Images", "Selector");
        assertThat(BatchPrinters.cronJobs().columns().get(3).type()).isEqualTo("boolean");
    }
}
