package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * `kubectl apply --server-side`: field managers, conflicts, `--force-conflicts`, fields an applier stops
 * applying, and ownership taken by ordinary updates.
 */
class ServerSideApplyTest extends ServerPerClass {

    @BeforeAll
    static void prepare() {
        kubectl.run("create", "namespace", "ssa").assertOk();
    }

    private static Kubectl.Result apply(String manager, String yaml, String... extra) {
        String[] args = new String[5 + extra.length];
        args[0] = "apply";
        args[1] = "--server-side";
        args[2] = "--field-manager=" + manager;
        args[3] = "-f";
        args[4] = "-";
        System.arraycopy(extra, 0, args, 5, extra.length);
        return kubectl.runWithInput(yaml, args);
    }

    private static String configMap(String name, String data) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: %s, namespace: ssa}
                data: %s
                """.formatted(name, data);
    }

    private static String jsonpath(String resource, String path) {
        return kubectl.run("get", resource, "-n", "ssa", "-o", "jsonpath=" + path).assertOk().out();
    }

    @Test
    void twoManagersConflictAndForceConflictsWins() {
        assertThat(apply("alice", configMap("shared", "{x: '1', w: '1'}")).assertOk().out())
                .contains("configmap/shared serverside-applied");

        Kubectl.Result conflict = apply("bob", configMap("shared", "{x: '2'}"));
        assertThat(conflict.exitCode()).isNotZero();
        assertThat(conflict.err()).contains("Apply failed with 1 conflict: conflict with \"alice\": .data.x");
        assertThat(jsonpath("configmap/shared", "{.data.x}")).isEqualTo("1");

        apply("bob", configMap("shared", "{x: '2'}"), "--force-conflicts").assertOk();
        assertThat(jsonpath("configmap/shared", "{.data.x}")).isEqualTo("2");
        assertThat(jsonpath("configmap/shared", "{.data.w}")).isEqualTo("1");
        String managed = jsonpath("configmap/shared",
                "{range .metadata.managedFields[*]}{.manager}/{.operation}={.fieldsV1.f:data}{\"\\n\"}{end}");
        assertThat(managed).contains("alice/Apply={\"f:w\":{}}").contains("bob/Apply={\"f:x\":{}}");
    }

    @Test
    void fieldsAnApplierDropsAreRemoved() {
        apply("carol", configMap("pruned", "{a: '1', b: '1'}")).assertOk();
        apply("carol", configMap("pruned", "{a: '1'}")).assertOk();
        assertThat(jsonpath("configmap/pruned", "{.data}")).isEqualTo("{\"a\":\"1\"}");
    }

    @Test
    void anApplyThatChangesWhatKubectlCreateSetConflictsWithIt() {
        kubectl.run("create", "deployment", "web", "-n", "ssa", "--image=nginx:1").assertOk();
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: ssa}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - {name: nginx, image: "nginx:1"}
                """;
        Kubectl.Result conflict = apply("deployer", deployment);
        assertThat(conflict.exitCode()).isNotZero();
        assertThat(conflict.err()).contains("conflict with \"kubectl-create\" using apps/v1: .spec.replicas");

        apply("deployer", deployment, "--force-conflicts").assertOk();
        assertThat(jsonpath("deployment/web", "{.spec.replicas}")).isEqualTo("3");

        // An ordinary update takes the field over: the next apply of another value conflicts with it.
        kubectl.run("patch", "deployment", "web", "-n", "ssa", "--type=merge", "-p",
                "{\"spec\":{\"replicas\":5}}").assertOk();
        assertThat(apply("deployer", deployment).err()).contains("conflict with \"kubectl-patch\" using apps/v1: .spec.replicas");
    }

    @Test
    void applyCreatesAndServerSideDryRunDoesNotStore() {
        apply("dave", configMap("dry", "{k: v}"), "--dry-run=server").assertOk();
        assertThat(kubectl.run("get", "configmap", "dry", "-n", "ssa").exitCode()).isNotZero();
        apply("dave", configMap("dry", "{k: v}")).assertOk();
        assertThat(jsonpath("configmap/dry", "{.metadata.managedFields[0].manager}")).isEqualTo("dave");
    }
}
