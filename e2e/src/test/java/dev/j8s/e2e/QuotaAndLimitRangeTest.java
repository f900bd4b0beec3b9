package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** ResourceQuota and LimitRange admission as kubectl users meet them (pods are not run: no nodes yet). */
class QuotaAndLimitRangeTest extends ServerPerClass {

    @Test
    void quotaRefusesCreatesPastItsLimitAndDescribeShowsUsage() {
        kubectl.run("create", "namespace", "quota").assertOk();
        // The root CA publisher's kube-root-ca.crt counts against the quota, as in Kubernetes.
        await().atMost(Duration.ofSeconds(20)).until(() -> kubectl.run("get", "configmap", "kube-root-ca.crt",
                "-n", "quota").exitCode() == 0);
        kubectl.run("create", "quota", "q", "--hard=pods=2,configmaps=4", "-n", "quota").assertOk();
        for (int i = 0; i < 3; i++) {
            kubectl.run("create", "configmap", "cm" + i, "-n", "quota").assertOk();
        }
        Kubectl.Result refused = kubectl.run("create", "configmap", "cm3", "-n", "quota").assertFails();
        // kubectl prints "error: failed to create configmap: " before the server's message.
        assertThat(refused.err()).contains("configmaps \"cm3\" is forbidden: "
                + "exceeded quota: q, requested: configmaps=1, used: configmaps=4, limited: configmaps=4");

        kubectl.run("run", "a", "--image=busybox", "-n", "quota").assertOk();
        kubectl.run("run", "b", "--image=busybox", "-n", "quota").assertOk();
        assertThat(kubectl.run("run", "c", "--image=busybox", "-n", "quota").assertFails().err())
                .contains("pods \"c\" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2");

        String described = kubectl.run("describe", "quota", "q", "-n", "quota").assertOk().out();
        assertThat(described).containsPattern("configmaps\\s+4\\s+4").containsPattern("pods\\s+2\\s+2");

        kubectl.run("delete", "pod", "a", "-n", "quota", "--grace-period=0", "--force").assertOk();
        await().atMost(Duration.ofSeconds(20)).until(() -> kubectl.run("get", "quota", "q", "-n", "quota", "-o",
                "jsonpath={.status.used.pods}").out().equals("1"));
        kubectl.run("run", "c", "--image=busybox", "-n", "quota").assertOk();
    }

    @Test
    void limitRangeDefaultsAndBoundsContainers() {
        kubectl.run("create", "namespace", "limits").assertOk();
        kubectl.runWithInput("""
                apiVersion: v1
                kind: LimitRange
                metadata:
                  name: bounds
                  namespace: limits
                spec:
                  limits:
                  - type: Container
                    max: {cpu: 500m, memory: 512Mi}
                    default: {cpu: 300m, memory: 256Mi}
                    defaultRequest: {cpu: 100m, memory: 64Mi}
                """, "apply", "-f", "-").assertOk();

        kubectl.run("run", "plain", "--image=busybox", "-n", "limits").assertOk();
        assertThat(kubectl.run("get", "pod", "plain", "-n", "limits", "-o",
                "jsonpath={.spec.containers[0].resources.limits.cpu} {.spec.containers[0].resources.requests.memory}")
                .assertOk().out()).isEqualTo("300m 64Mi");

        Kubectl.Result big = kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: big
                  namespace: limits
                spec:
                  containers:
                  - name: app
                    image: busybox
                    resources:
                      limits: {cpu: "1"}
                """, "apply", "-f", "-").assertFails();
        assertThat(big.err()).contains("pods \"big\" is forbidden: maximum cpu usage per Container is 500m, but limit is 1");
    }
}
