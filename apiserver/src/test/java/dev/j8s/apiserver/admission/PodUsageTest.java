package dev.j8s.apiserver.admission;

import static dev.j8s.apiserver.admission.LimitRangerTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodUsageTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private final PodUsage pods = new PodUsage();

    static Stream<Arguments> usageCases() {
        return Stream.of(
                Arguments.of("no resources", "{'spec':{'containers':[{'name':'a'}]}}", "count/pods=1,pods=1"),
                Arguments.of("two containers add up",
                        "{'spec':{'containers':[{'name':'a','resources':{'requests':{'cpu':'250m','memory':'64Mi'},'limits':{'cpu':'500m'}}},"
                                + "{'name':'b','resources':{'requests':{'cpu':'250m','memory':'64Mi'}}}]}}",
                        "count/pods=1,cpu=500m,limits.cpu=500m,memory=128Mi,pods=1,requests.cpu=500m,requests.memory=128Mi"),
                Arguments.of("a larger init container wins",
                        "{'spec':{'initContainers':[{'name':'i','resources':{'requests':{'cpu':'2'}}}],"
                                + "'containers':[{'name':'a','resources':{'requests':{'cpu':'1'}}}]}}",
                        "count/pods=1,cpu=2,pods=1,requests.cpu=2"),
                Arguments.of("sidecars add to the containers",
                        "{'spec':{'initContainers':[{'name':'s','restartPolicy':'Always','resources':{'requests':{'cpu':'500m'}}}],"
                                + "'containers':[{'name':'a','resources':{'requests':{'cpu':'1'}}}]}}",
                        "count/pods=1,cpu=1500m,pods=1,requests.cpu=1500m"),
                Arguments.of("overhead is charged",
                        "{'spec':{'overhead':{'cpu':'100m'},'containers':[{'name':'a','resources':{'requests':{'cpu':'1'},'limits':{'cpu':'1'}}}]}}",
                        "count/pods=1,cpu=1100m,limits.cpu=1100m,pods=1,requests.cpu=1100m"),
                Arguments.of("extended resources only as requests",
                        "{'spec':{'containers':[{'name':'a','resources':{'requests':{'example.com/gpu':'1'}}}]}}",
                        "count/pods=1,pods=1,requests.example.com/gpu=1"),
                Arguments.of("succeeded pods only count as stored objects",
                        "{'spec':{'containers':[{'name':'a','resources':{'requests':{'cpu':'1'}}}]},'status':{'phase':'Succeeded'}}",
                        "count/pods=1"),
                Arguments.of("failed pods too", "{'spec':{'containers':[{'name':'a'}]},'status':{'phase':'Failed'}}", "count/pods=1"),
                Arguments.of("past the deletion grace period",
                        "{'metadata':{'deletionTimestamp':'2024-12-31T23:59:00Z','deletionGracePeriodSeconds':30},'spec':{'containers':[{'name':'a'}]}}",
                        "count/pods=1"),
                Arguments.of("within the deletion grace period",
                        "{'metadata':{'deletionTimestamp':'2024-12-31T23:59:50Z','deletionGracePeriodSeconds':30},'spec':{'containers':[{'name':'a'}]}}",
                        "count/pods=1,pods=1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageCases")
    void measuresAPod(String name, String pod, String usage) {
        assertThat(pods.usage(parse(pod), NOW).toString()).isEqualTo(usage);
    }

    @Test
    void quotasOnCpuOrMemoryRequireEveryContainerToStateThem() {
        ObjectNode pod = parse("{'spec':{'initContainers':[{'name':'init'}],'containers':["
                + "{'name':'a','resources':{'limits':{'cpu':'1'}}},{'name':'b','resources':{'requests':{'memory':'1Gi'}}}]}}");
        assertThat(pods.constraints(Set.of("limits.cpu", "requests.memory", "pods"), pod))
                .contains("must specify limits.cpu for: b,init; requests.memory for: a,init");
        assertThat(pods.constraints(Set.of("pods", "requests.ephemeral-storage"), pod)).isEmpty();
    }

    static Stream<Arguments> scopeCases() {
        String bestEffort = "{'spec':{'containers':[{'name':'a'}]}}";
        String burstable = "{'spec':{'containers':[{'name':'a','resources':{'requests':{'memory':'1Mi'}}}]}}";
        String deadline = "{'spec':{'activeDeadlineSeconds':60,'containers':[{'name':'a'}]}}";
        String priority = "{'spec':{'priorityClassName':'high','containers':[{'name':'a'}]}}";
        return Stream.of(
                Arguments.of("{'scopeName':'BestEffort'}", bestEffort, true),
                Arguments.of("{'scopeName':'BestEffort'}", burstable, false),
                Arguments.of("{'scopeName':'NotBestEffort'}", burstable, true),
                Arguments.of("{'scopeName':'Terminating'}", deadline, true),
                Arguments.of("{'scopeName':'Terminating'}", bestEffort, false),
                Arguments.of("{'scopeName':'NotTerminating'}", bestEffort, true),
                Arguments.of("{'scopeName':'PriorityClass','operator':'In','values':['high']}", priority, true),
                Arguments.of("{'scopeName':'PriorityClass','operator':'In','values':['low']}", priority, false),
                Arguments.of("{'scopeName':'PriorityClass','operator':'NotIn','values':['low']}", bestEffort, true),
                Arguments.of("{'scopeName':'PriorityClass','operator':'Exists'}", bestEffort, false));
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @MethodSource("scopeCases")
    void matchesScopes(String requirement, String pod, boolean matches) {
        assertThat(pods.matchesScope(parse(requirement), parse(pod))).isEqualTo(matches);
    }

    @Test
    void servicesUseNodePortsAndLoadBalancers() {
        ServiceUsage services = new ServiceUsage();
        assertThat(services.usage(parse("{'spec':{'type':'NodePort','ports':[{'port':80},{'port':443}]}}"), NOW).toString())
                .isEqualTo("count/services=1,services=1,services.loadbalancers=0,services.nodeports=2");
        assertThat(services.usage(parse("{'spec':{'type':'LoadBalancer','ports':[{'port':80}]}}"), NOW).toString())
                .isEqualTo("count/services=1,services=1,services.loadbalancers=1,services.nodeports=1");
    }

    @Test
    void claimsUseStoragePerClass() {
        assertThat(new ClaimUsage().usage(parse("{'spec':{'storageClassName':'fast','resources':{'requests':{'storage':'5Gi'}}}}"),
                NOW).toString()).isEqualTo("count/persistentvolumeclaims=1,fast.storageclass.storage.k8s.io/persistentvolumeclaims=1,"
                + "fast.storageclass.storage.k8s.io/requests.storage=5Gi,persistentvolumeclaims=1,requests.storage=5Gi");
    }
}
