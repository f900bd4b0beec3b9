package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * `kubectl delete --cascade=background|foreground|orphan` on an owner with dependents (plain
 * ConfigMaps with ownerReferences, as no workload controllers exist yet).
 */
class CascadingDeleteTest extends ServerPerClass {

    @BeforeAll
    static void prepare() throws Exception {
        kubectl.run("create", "namespace", "cascade").assertOk();
    }

    private static void family(String owner, boolean blocking) {
        kubectl.run("create", "configmap", owner, "-n", "cascade").assertOk();
        String uid = kubectl.run("get", "configmap", owner, "-n", "cascade", "-o", "jsonpath={.metadata.uid}")
                .assertOk().out();
        for (String child : new String[] {owner + "-a", owner + "-b"}) {
            kubectl.runWithInput("""
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: %s
                      namespace: cascade
                      ownerReferences:
                      - {apiVersion: v1, kind: ConfigMap, name: %s, uid: %s, blockOwnerDeletion: %s}
                    """.formatted(child, owner, uid, blocking), "apply", "-f", "-").assertOk();
        }
    }

    private static boolean exists(String name) {
        return kubectl.run("get", "configmap", name, "-n", "cascade").exitCode() == 0;
    }

    @Test
    void backgroundDeletesDependentsAfterTheOwner() {
        family("bg", false);
        kubectl.run("delete", "configmap", "bg", "-n", "cascade", "--cascade=background").assertOk();
        await().atMost(Duration.ofSeconds(20)).until(() -> !exists("bg-a") && !exists("bg-b"));
    }

    @Test
    void foregroundRemovesDependentsBeforeTheOwner() {
        family("fg", true);
        kubectl.run("delete", "configmap", "fg", "-n", "cascade", "--cascade=foreground", "--timeout=30s").assertOk();
        assertThat(exists("fg")).isFalse();
        assertThat(exists("fg-a")).isFalse();
        assertThat(exists("fg-b")).isFalse();
    }

    @Test
    void orphanKeepsDependentsWithoutTheOwnerReference() {
        family("or", false);
        kubectl.run("delete", "configmap", "or", "-n", "cascade", "--cascade=orphan").assertOk();
        assertThat(exists("or-a")).isTrue();
        assertThat(kubectl.run("get", "configmap", "or-b", "-n", "cascade", "-o",
                "jsonpath={.metadata.ownerReferences}").assertOk().out()).isBlank();
    }

    @Test
    void aDependentCreatedAfterItsOwnerIsGoneIsCollected() {
        kubectl.run("create", "configmap", "late-owner", "-n", "cascade").assertOk();
        String uid = kubectl.run("get", "configmap", "late-owner", "-n", "cascade", "-o", "jsonpath={.metadata.uid}")
                .assertOk().out();
        kubectl.run("delete", "configmap", "late-owner", "-n", "cascade").assertOk();
        String dependent = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                  namespace: cascade
                  ownerReferences:
                  - {apiVersion: %s, kind: %s, name: late-owner, uid: %s}
                """;
        kubectl.runWithInput(dependent.formatted("late-child", "v1", "ConfigMap", uid), "apply", "-f", "-")
                .assertOk();
        // An owner of a kind j8s does not serve cannot be shown gone: that dependent stays.
        kubectl.runWithInput(dependent.formatted("odd-child", "example.com/v1", "Gadget", uid), "apply", "-f", "-")
                .assertOk();
        await().atMost(Duration.ofSeconds(20)).until(() -> !exists("late-child"));
        assertThat(exists("odd-child")).isTrue();
    }
}
