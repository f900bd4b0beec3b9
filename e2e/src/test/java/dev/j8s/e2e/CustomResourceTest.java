package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** CustomResourceDefinitions driven with the real kubectl: serving, schema, printer columns, explain, cleanup. */
class CustomResourceTest extends ServerPerClass {

    static final String CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: crontabs.stable.example.com
            spec:
              group: stable.example.com
              scope: Namespaced
              names: {plural: crontabs, singular: crontab, kind: CronTab, shortNames: [ct]}
              versions:
              - name: v1
                served: true
                storage: true
                additionalPrinterColumns:
                - {name: Spec, type: string, jsonPath: .spec.cronSpec}
                - {name: Replicas, type: integer, jsonPath: .spec.replicas}
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        description: The schedule and what to run.
                        required: [image]
                        properties:
                          cronSpec: {type: string, pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'}
                          image: {type: string}
                          replicas: {type: integer, minimum: 1, maximum: 10, default: 1}
            """;

    @Test
    void customResourcesLiveAndDieWithTheirDefinition() throws Exception {
        Path crd = dir.resolve("crd.yaml");
        Files.writeString(crd, CRD);
        kubectl.run("apply", "-f", crd.toString()).assertOk();
        kubectl.run("wait", "--for=condition=established", "crd/crontabs.stable.example.com", "--timeout=30s")
                .assertOk();
        assertThat(kubectl.run("api-resources", "--api-group=stable.example.com").assertOk().out())
                .containsPattern("crontabs\\s+ct\\s+stable.example.com/v1\\s+true\\s+CronTab");

        Path cr = dir.resolve("cr.yaml");
        Files.writeString(cr, """
                apiVersion: stable.example.com/v1
                kind: CronTab
                metadata: {name: nightly}
                spec: {cronSpec: "0 3 * * *", image: backup:v1}
                """);
        kubectl.run("apply", "-f", cr.toString()).assertOk();
        assertThat(kubectl.run("get", "ct").assertOk().out())
                .containsPattern("NAME\\s+SPEC\\s+REPLICAS").containsPattern("nightly\\s+0 3 \\* \\* \\*\\s+1");
        JsonNode stored = new ObjectMapper().readTree(kubectl.run("get", "crontab", "nightly", "-o", "json")
                .assertOk().out());
        assertThat(stored.at("/spec/replicas").asInt()).as("schema default applied").isEqualTo(1);

        kubectl.run("patch", "ct", "nightly", "--type=merge", "-p", "{\"spec\":{\"replicas\":4}}").assertOk();
        assertThat(kubectl.run("get", "ct", "nightly", "-o", "jsonpath={.spec.replicas}").assertOk().out())
                .isEqualTo("4");
        Kubectl.Result invalid = kubectl.run("patch", "ct", "nightly", "--type=merge", "-p",
                "{\"spec\":{\"replicas\":11}}");
        assertThat(invalid.exitCode()).isNotZero();
        assertThat(invalid.err()).contains("is invalid", "spec.replicas",
                "spec.replicas in body should be less than or equal to 10");
        assertThat(kubectl.run("patch", "ct", "nightly", "--type=merge", "-p", "{\"spec\":{\"image\":7}}").err())
                .contains("spec.image in body must be of type string");
        assertThat(kubectl.runWithInput("apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata: {name: extra}\n"
                + "spec: {image: x, surprise: 1}\n", "apply", "-f", "-").err())
                .contains("unknown field \"spec.surprise\"");

        assertThat(kubectl.run("explain", "crontab.spec").assertOk().out())
                .contains("KIND:", "CronTab", "The schedule and what to run.", "cronSpec", "image");

        kubectl.run("delete", "ct", "nightly").assertOk();
        kubectl.run("apply", "-f", cr.toString()).assertOk();
        kubectl.run("delete", "crd", "crontabs.stable.example.com").assertOk();
        kubectl.run("apply", "-f", crd.toString()).assertOk();
        kubectl.run("wait", "--for=condition=established", "crd/crontabs.stable.example.com", "--timeout=30s")
                .assertOk();
        assertThat(kubectl.run("get", "ct", "-o", "name").assertOk().out())
                .as("objects went away with their definition").isBlank();
    }

    static final String SCALABLE_CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: pools.demo.j8s.dev}
            spec:
              group: demo.j8s.dev
              scope: Namespaced
              names: {plural: pools, singular: pool, kind: Pool}
              versions:
              - name: v1
                served: true
                storage: true
                subresources:
                  status: {}
                  scale: {specReplicasPath: .spec.size, statusReplicasPath: .status.ready,
                          labelSelectorPath: .status.selector}
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        properties:
                          size: {type: integer}
                          members:
                            type: array
                            x-kubernetes-list-type: map
                            x-kubernetes-list-map-keys: [name]
                            items:
                              type: object
                              required: [name]
                              properties:
                                name: {type: string}
                                weight: {type: integer}
                      status:
                        type: object
                        properties:
                          ready: {type: integer}
                          selector: {type: string}
            """;

    @Test
    void scaleSubresourceFollowsTheDefinitionsPathsAndServerSideApplyUsesListKeys() throws Exception {
        kubectl.runWithInput(SCALABLE_CRD, "apply", "-f", "-").assertOk();
        kubectl.run("wait", "--for=condition=established", "crd/pools.demo.j8s.dev", "--timeout=30s").assertOk();
        String pool = """
                apiVersion: demo.j8s.dev/v1
                kind: Pool
                metadata: {name: p1}
                spec:
                  size: 2
                  members:
                  - {name: a, weight: 1}
                  - {name: b, weight: 1}
                """;
        kubectl.runWithInput(pool, "apply", "--server-side", "--field-manager=owner", "-f", "-").assertOk();
        kubectl.runWithInput("""
                {"status": {"ready": 2, "selector": "app=p1"}}
                """, "patch", "pool", "p1", "--subresource=status", "--type=merge", "--patch-file=/dev/stdin")
                .assertOk();

        JsonNode scale = new ObjectMapper().readTree(kubectl.run("get", "pool", "p1", "--subresource=scale",
                "-o", "json").assertOk().out());
        assertThat(scale.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(scale.at("/status/replicas").asInt()).isEqualTo(2);
        assertThat(scale.at("/status/selector").asText()).isEqualTo("app=p1");

        kubectl.run("scale", "pool", "p1", "--replicas=5").assertOk();
        assertThat(kubectl.run("get", "pool", "p1", "-o", "jsonpath={.spec.size}").assertOk().out()).isEqualTo("5");

        // Another manager changes member b's weight; the owner's next apply of that member conflicts on
        // exactly that keyed item, and dropping member a from the owner's configuration removes it.
        kubectl.runWithInput("""
                apiVersion: demo.j8s.dev/v1
                kind: Pool
                metadata: {name: p1}
                spec:
                  members:
                  - {name: b, weight: 9}
                """, "apply", "--server-side", "--field-manager=tuner", "--force-conflicts", "-f", "-").assertOk();
        Kubectl.Result conflict = kubectl.runWithInput(pool.replace("size: 2", "size: 5"),
                "apply", "--server-side", "--field-manager=owner", "-f", "-");
        assertThat(conflict.err()).contains("conflict with \"tuner\": .spec.members[name=\"b\"].weight");
        kubectl.runWithInput(pool.replace("size: 2", "size: 5").replace("  - {name: a, weight: 1}\n", "")
                .replace("weight: 1}", "weight: 9}"), "apply", "--server-side", "--field-manager=owner", "-f", "-")
                .assertOk();
        assertThat(kubectl.run("get", "pool", "p1", "-o", "jsonpath={.spec.members[*].name}").assertOk().out())
                .isEqualTo("b");
    }

    @Test
    void everyServedVersionSeesTheSameObjectsInItsOwnApiVersion() {
        kubectl.runWithInput("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.demo.j8s.dev}
                spec:
                  group: demo.j8s.dev
                  scope: Namespaced
                  names: {plural: widgets, singular: widget, kind: Widget}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                  - name: v1beta1
                    served: true
                    storage: false
                    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                """, "apply", "-f", "-").assertOk();
        kubectl.run("wait", "--for=condition=established", "crd/widgets.demo.j8s.dev", "--timeout=30s").assertOk();
        kubectl.runWithInput("""
                apiVersion: demo.j8s.dev/v1beta1
                kind: Widget
                metadata: {name: old-style}
                spec: {size: 3}
                """, "apply", "-f", "-").assertOk();
        assertThat(kubectl.run("get", "widgets.v1.demo.j8s.dev", "old-style", "-o", "jsonpath={.apiVersion} {.spec.size}")
                .assertOk().out()).isEqualTo("demo.j8s.dev/v1 3");
        assertThat(kubectl.run("get", "widgets.v1beta1.demo.j8s.dev", "old-style", "-o", "jsonpath={.apiVersion}")
                .assertOk().out()).isEqualTo("demo.j8s.dev/v1beta1");
        kubectl.run("delete", "widgets.v1.demo.j8s.dev", "old-style").assertOk();
        assertThat(kubectl.run("get", "widgets.v1beta1.demo.j8s.dev", "-o", "name").assertOk().out()).isBlank();
    }
}
