package dev.j8s.api.table;

import static dev.j8s.api.table.TestObjects.cells;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NetworkPrintersTest {

    private static final String META = "'metadata':{'name':'web','creationTimestamp':'${-7m}'}";

    private static String svc(String spec, String status) {
        return "{" + META + ",'spec':" + spec + ",'status':" + status + "}";
    }

    static Stream<Arguments> services() {
        return Stream.of(
                Arguments.of("cluster IP", svc("{'type':'ClusterIP','clusterIP':'10.43.0.12','clusterIPs':['10.43.0.12'],"
                                + "'ports':[{'port':80,'targetPort':8080,'protocol':'TCP'},{'port':53,'protocol':'UDP'}],"
                                + "'selector':{'app':'web'}}", "{}"),
                        List.of("web", "ClusterIP", "10.43.0.12", "<none>", "80/TCP,53/UDP", "7m", "app=web")),
                Arguments.of("headless without ports", svc("{'type':'ClusterIP','clusterIP':'None','clusterIPs':['None']}",
                                "{}"),
                        List.of("web", "ClusterIP", "None", "<none>", "<none>", "7m", "<none>")),
                Arguments.of("node port with external IPs", svc("{'type':'NodePort','clusterIPs':['10.43.0.13'],"
                                + "'externalIPs':['192.0.2.10','192.0.2.11'],"
                                + "'ports':[{'port':80,'nodePort':30080,'protocol':'TCP'}],'selector':{'app':'web'}}", "{}"),
                        List.of("web", "NodePort", "10.43.0.13", "192.0.2.10,192.0.2.11", "80:30080/TCP", "7m", "app=web")),
                Arguments.of("load balancer pending", svc("{'type':'LoadBalancer','clusterIPs':['10.43.0.14'],"
                                + "'ports':[{'port':443,'nodePort':31443,'protocol':'TCP'}]}", "{'loadBalancer':{}}"),
                        List.of("web", "LoadBalancer", "10.43.0.14", "<pending>", "443:31443/TCP", "7m", "<none>")),
                Arguments.of("load balancer with ingress and external IPs", svc("{'type':'LoadBalancer',"
                                + "'clusterIPs':['10.43.0.14'],'externalIPs':['192.0.2.1'],"
                                + "'ports':[{'port':443,'nodePort':31443,'protocol':'TCP'}]}",
                                "{'loadBalancer':{'ingress':[{'ip':'203.0.113.9'},{'hostname':'lb.example.com'},"
                                        + "{'ip':'203.0.113.10'},{'ip':'203.0.113.9'}]}}"),
                        List.of("web", "LoadBalancer", "10.43.0.14",
                                "203.0.113.10,203.0.113.9,lb.example.com,192.0.2.1", "443:31443/TCP", "7m", "<none>")),
                Arguments.of("external name", svc("{'type':'ExternalName','externalName':'db.example.com'}", "{}"),
                        List.of("web", "ExternalName", "<none>", "db.example.com", "<none>", "7m", "<none>")),
                Arguments.of("defaults applied by the API", svc("{'clusterIP':'10.43.0.15','ports':[{'port':8080}]}", "{}"),
                        List.of("web", "ClusterIP", "10.43.0.15", "<none>", "8080/TCP", "7m", "<none>")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void services(String description, String json, List<Object> expected) {
        assertThat(cells(NetworkPrinters.services(), json)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("{" + META + "}", "<none>"),
                Arguments.of("{" + META + ",'subsets':[{'addresses':[{'ip':'10.42.0.5'},{'ip':'10.42.0.6'}],"
                        + "'ports':[{'port':8080}]}]}", "10.42.0.5:8080,10.42.0.6:8080"),
                Arguments.of("{" + META + ",'subsets':[{'addresses':[{'ip':'10.42.0.5'},{'ip':'10.42.0.6'}],"
                        + "'ports':[{'name':'http','port':80},{'name':'https','port':443}]}]}",
                        "10.42.0.5:80,10.42.0.6:80,10.42.0.5:443 + 1 more..."),
                Arguments.of("{" + META + ",'subsets':[{'addresses':[{'ip':'10.42.0.5'}]}]}", "10.42.0.5"),
                Arguments.of("{" + META + ",'subsets':[{'addresses':[{'ip':'fd00::5'}],'ports':[{'port':80}]}]}",
                        "[fd00::5]:80"),
                Arguments.of("{" + META + ",'subsets':[{'notReadyAddresses':[{'ip':'10.42.0.5'}],"
                        + "'ports':[{'port':80}]}]}", ""));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("endpoints")
    void endpoints(String json, String expected) {
        assertThat(cells(NetworkPrinters.endpoints(), json)).containsExactly("web", expected, "7m");
    }

    static Stream<Arguments> endpointSlices() {
        return Stream.of(
                Arguments.of("'ports':[{'name':'http','port':80,'protocol':'TCP'}],'endpoints':[{'addresses':['10.42.0.5']},"
                        + "{'addresses':['10.42.0.6']}]", "80", "10.42.0.5,10.42.0.6"),
                Arguments.of("'ports':[{'name':'a','port':1},{'name':'b'},{},{'port':4}],'endpoints':[{'addresses':"
                        + "['10.0.0.1','10.0.0.2','10.0.0.3','10.0.0.4','10.0.0.5']}]",
                        "1,b,* + 1 more...", "10.0.0.1,10.0.0.2,10.0.0.3 + 2 more..."),
                Arguments.of("'ports':[],'endpoints':[]", "<unset>", "<unset>"));
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("endpointSlices")
    void endpointSlices(String body, String ports, String addresses) {
        String json = "{" + META + ",'addressType':'IPv4'," + body + "}";
        assertThat(cells(NetworkPrinters.endpointSlices(), json)).containsExactly("web", "IPv4", ports, addresses, "7m");
    }

    static Stream<Arguments> ingresses() {
        return Stream.of(
                Arguments.of("'spec':{'ingressClassName':'nginx','rules':[{'host':'shop.example.com'}],"
                                + "'tls':[{'hosts':['shop.example.com']}]},"
                                + "'status':{'loadBalancer':{'ingress':[{'ip':'192.0.2.4'}]}}",
                        List.of("web", "nginx", "shop.example.com", "192.0.2.4", "80, 443", "7m")),
                Arguments.of("'spec':{'defaultBackend':{'service':{'name':'web','port':{'number':80}}}}",
                        List.of("web", "<none>", "*", "", "80", "7m")),
                Arguments.of("'spec':{'rules':[{'host':'a.io'},{},{'host':'c.io'},{'host':'d.io'},{'host':'e.io'}]}",
                        List.of("web", "<none>", "a.io,c.io,d.io + 2 more...", "", "80", "7m")));
    }

    @ParameterizedTest
    @MethodSource("ingresses")
    void ingresses(String body, List<Object> expected) {
        assertThat(cells(NetworkPrinters.ingresses(), "{" + META + "," + body + "}")).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource("ingressClasses")
    void ingressClasses(String spec, String parameters) {
        String json = "{" + META + ",'spec':" + spec + "}";
        assertThat(cells(NetworkPrinters.ingressClasses(), json))
                .containsExactly("web", "k8s.io/ingress-nginx", parameters, "7m");
    }

    static Stream<Arguments> ingressClasses() {
        return Stream.of(
                Arguments.of("{'controller':'k8s.io/ingress-nginx'}", "<none>"),
                Arguments.of("{'controller':'k8s.io/ingress-nginx','parameters':{'apiGroup':'k8s.example.com',"
                        + "'kind':'IngressParameters','name':'external-lb'}}", "IngressParameters.k8s.example.com/external-lb"),
                Arguments.of("{'controller':'k8s.io/ingress-nginx','parameters':{'kind':'ConfigMap','name':'cfg'}}",
                        "ConfigMap/cfg"));
    }

    @ParameterizedTest
    @MethodSource("networkPolicies")
    void networkPolicies(String spec, String podSelector) {
        assertThat(cells(NetworkPrinters.networkPolicies(), "{" + META + ",'spec':" + spec + "}"))
                .containsExactly("web", podSelector, "7m");
    }

    static Stream<Arguments> networkPolicies() {
        return Stream.of(
                Arguments.of("{'podSelector':{}}", "<none>"),
                Arguments.of("{'podSelector':{'matchLabels':{'role':'db'}}}", "role=db"));
    }
}
