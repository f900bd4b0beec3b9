package dev.j8s.api.table;

import static dev.j8s.api.table.TestObjects.cells;
import static dev.j8s.api.table.TestObjects.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AccessAndScalingPrintersTest {

    private static final String META = "'metadata':{'name':'x','creationTimestamp':'${-4h}'}";

    @Test
    void roleBindingListsSubjectsByKind() {
        String json = "{" + META + ",'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'ClusterRole','name':'view'},"
                + "'subjects':[{'kind':'User','name':'alice'},{'kind':'Group','name':'devs'},"
                + "{'kind':'ServiceAccount','name':'ci','namespace':'build'},{'kind':'User','name':'bob'}]}";
        assertThat(cells(AccessPrinters.roleBindings(), json))
                .containsExactly("x", "ClusterRole/view", "4h", "alice, bob", "devs", "build/ci");
        assertThat(AccessPrinters.clusterRoleBindings().columns()).extracting(Column::description)
                .contains("Users in the clusterRoleBinding");
    }

    @Test
    void clusterRoleBindingWithoutSubjects() {
        String json = "{" + META + ",'roleRef':{'kind':'ClusterRole','name':'cluster-admin'}}";
        assertThat(cells(AccessPrinters.clusterRoleBindings(), json))
                .containsExactly("x", "ClusterRole/cluster-admin", "4h", "", "", "");
    }

    static Stream<Arguments> autoscalers() {
        String ref = "'scaleTargetRef':{'apiVersion':'apps/v1','kind':'Deployment','name':'shop'}";
        return Stream.of(
                Arguments.of("cpu utilization", "{" + ref + ",'minReplicas':2,'maxReplicas':10,'metrics':[{'type':'Resource',"
                                + "'resource':{'name':'cpu','target':{'type':'Utilization','averageUtilization':80}}}]}",
                        "{'currentReplicas':3,'currentMetrics':[{'type':'Resource','resource':{'name':'cpu',"
                                + "'current':{'averageUtilization':42,'averageValue':'210m'}}}]}",
                        List.of("x", "Deployment/shop", "cpu: 42%/80%", "2", 10L, 3L, "4h")),
                Arguments.of("no metrics yet", "{" + ref + ",'maxReplicas':5,'metrics':[{'type':'Resource',"
                                + "'resource':{'name':'memory','target':{'type':'AverageValue','averageValue':'500Mi'}}},"
                                + "{'type':'Pods','pods':{'metric':{'name':'rps'},'target':{'type':'AverageValue',"
                                + "'averageValue':'100'}}}]}", "{}",
                        List.of("x", "Deployment/shop", "memory: <unknown>/500Mi, <unknown>/100", "<unset>", 5L, 0L, "4h")),
                Arguments.of("many metrics", "{" + ref + ",'maxReplicas':5,'metrics':["
                                + "{'type':'External','external':{'metric':{'name':'q'},'target':{'type':'Value','value':'30'}}},"
                                + "{'type':'Object','object':{'metric':{'name':'hits'},'target':{'type':'AverageValue',"
                                + "'averageValue':'1k'}}},"
                                + "{'type':'Resource','resource':{'name':'cpu','target':{'type':'Utilization'}}}]}",
                        "{'currentMetrics':[{'type':'External','external':{'current':{'value':'12'}}},"
                                + "{'type':'Object','object':{'current':{'averageValue':'800'}}}]}",
                        List.of("x", "Deployment/shop", "12/30, 800/1k (avg) + 1 more...", "<unset>", 5L, 0L, "4h")),
                Arguments.of("no metric specs", "{" + ref + ",'minReplicas':1,'maxReplicas':3}", "{'currentReplicas':1}",
                        List.of("x", "Deployment/shop", "<none>", "1", 3L, 1L, "4h")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("autoscalers")
    void horizontalPodAutoscalers(String description, String spec, String status, List<Object> expected) {
        String json = "{" + META + ",'spec':" + spec + ",'status':" + status + "}";
        assertThat(cells(ScalingPrinters.horizontalPodAutoscalers(), json)).containsExactlyElementsOf(expected);
    }

    @Test
    void containerResourceTargets() {
        String json = "{" + META + ",'spec':{'maxReplicas':2,'metrics':[{'type':'ContainerResource','containerResource':"
                + "{'name':'cpu','container':'app','target':{'type':'Utilization','averageUtilization':60}}}]},"
                + "'status':{'currentMetrics':[{'type':'ContainerResource','containerResource':{'name':'cpu',"
                + "'container':'app','current':{'averageUtilization':75}}}]}}";
        assertThat(ScalingPrinters.targets(obj(json))).isEqualTo("cpu: 75%/60%");
    }

    static Stream<Arguments> budgets() {
        return Stream.of(
                Arguments.of("{'minAvailable':2}", List.of("x", "2", "N/A", 1L, "4h")),
                Arguments.of("{'maxUnavailable':'25%'}", List.of("x", "N/A", "25%", 1L, "4h")));
    }

    @ParameterizedTest
    @MethodSource("budgets")
    void podDisruptionBudgets(String spec, List<Object> expected) {
        String json = "{" + META + ",'spec':" + spec + ",'status':{'disruptionsAllowed':1,'currentHealthy':3}}";
        assertThat(cells(ScalingPrinters.podDisruptionBudgets(), json)).containsExactlyElementsOf(expected);
    }
}
