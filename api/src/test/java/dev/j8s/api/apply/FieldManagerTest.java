package dev.j8s.api.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class FieldManagerTest {

    private static final FieldManager.Target CONFIGMAP =
            new FieldManager.Target(ModelFieldSchema.of(ConfigMap.class), "v1", null, false);
    private static final FieldManager.Target DEPLOYMENT =
            new FieldManager.Target(ModelFieldSchema.of(Deployment.class), "apps/v1", null, true);

    private static ObjectNode yaml(String s) {
        try {
            return (ObjectNode) Json.YAML.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode entry(ObjectNode object, String manager) {
        for (JsonNode e : object.path("metadata").path("managedFields")) {
            if (e.path("manager").asText().equals(manager)) {
                return e;
            }
        }
        return null;
    }

    private static ObjectNode configMap(String data) {
        return yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: d}, data: " + data + "}");
    }

    @Test
    void createGivesTheCreatorEveryFieldItSetExceptIdentity() {
        ObjectNode d = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: d, uid: u1, labels: {app: web}}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: web
                        image: nginx
                        ports: [{containerPort: 80}]
                status: {replicas: 0}
                """);
        FieldManager.update(null, d, "kubectl-create", DEPLOYMENT, "2026-11-25T10:00:00Z");
        JsonNode e = entry(d, "kubectl-create");
        assertThat(e.path("operation").asText()).isEqualTo("Update");
        assertThat(e.path("apiVersion").asText()).isEqualTo("apps/v1");
        assertThat(e.path("time").asText()).isEqualTo("2026-11-25T10:00:00Z");
        JsonNode f = e.path("fieldsV1");
        assertThat(Json.string(f.path("f:metadata"))).isEqualTo("{\"f:labels\":{\".\":{},\"f:app\":{}}}");
        assertThat(f.path("f:spec").has("f:replicas")).isTrue();
        assertThat(Json.string(f.path("f:spec").path("f:selector"))).isEqualTo("{}");
        JsonNode container = f.at("/f:spec/f:template/f:spec/f:containers").get("k:{\"name\":\"web\"}");
        assertThat(container.has(".")).isTrue();
        assertThat(container.path("f:ports").has("k:{\"containerPort\":80,\"protocol\":\"TCP\"}")).isTrue();
        assertThat(f.has("f:status")).as("status belongs to the status subresource").isFalse();
        assertThat(f.has("f:apiVersion")).isFalse();
    }

    @Test
    void aSecondApplierChangingAnOwnedValueConflictsUntilForced() {
        ObjectNode live = FieldManager.apply(null, configMap("{x: '1', y: '1'}"), "alice", false, CONFIGMAP, "t1");
        assertThatThrownBy(() -> FieldManager.apply(live, configMap("{x: '2'}"), "bob", false, CONFIGMAP, "t2"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.reason()).isEqualTo("Conflict");
                    assertThat(e.getMessage()).isEqualTo("Apply failed with 1 conflict: conflict with \"alice\": .data.x");
                    assertThat(e.causes()).singleElement().satisfies(c -> {
                        assertThat(c.reason()).isEqualTo("FieldManagerConflict");
                        assertThat(c.field()).isEqualTo(".data.x");
                    });
                });
        ObjectNode forced = FieldManager.apply(live, configMap("{x: '2'}"), "bob", true, CONFIGMAP, "t2");
        assertThat(forced.at("/data/x").asText()).isEqualTo("2");
        assertThat(forced.at("/data/y").asText()).isEqualTo("1");
        assertThat(entry(forced, "bob").at("/fieldsV1/f:data").has("f:x")).isTrue();
        assertThat(entry(forced, "alice").at("/fieldsV1/f:data").has("f:x")).as("ownership moved").isFalse();
        assertThat(entry(forced, "alice").at("/fieldsV1/f:data").has("f:y")).isTrue();
    }

    @Test
    void applyingTheSameValueSharesOwnership() {
        ObjectNode live = FieldManager.apply(null, configMap("{x: '1'}"), "alice", false, CONFIGMAP, "t1");
        ObjectNode shared = FieldManager.apply(live, configMap("{x: '1'}"), "bob", false, CONFIGMAP, "t2");
        assertThat(entry(shared, "alice").at("/fieldsV1/f:data").has("f:x")).isTrue();
        assertThat(entry(shared, "bob").at("/fieldsV1/f:data").has("f:x")).isTrue();
    }

    @Test
    void conflictsWithSeveralManagersAreListedByManager() {
        ObjectNode live = FieldManager.apply(null, configMap("{x: '1'}"), "alice", false, CONFIGMAP, "t1");
        ObjectNode edited = live.deepCopy();
        ((ObjectNode) edited.get("data")).put("y", "1");
        ((ObjectNode) edited.get("data")).put("z", "1");
        FieldManager.update(live, edited, "kubectl-edit", CONFIGMAP, "t2");
        assertThatThrownBy(() -> FieldManager.apply(edited, configMap("{x: '2', y: '2', z: '2'}"), "bob", false,
                CONFIGMAP, "t3"))
                .hasMessage("""
                        Apply failed with 3 conflicts: conflicts with "alice":
                        - .data.x
                        conflicts with "kubectl-edit" using v1:
                        - .data.y
                        - .data.z""");
    }

    @Test
    void fieldsAnApplierStopsApplyingAreRemovedUnlessSomeoneElseOwnsThem() {
        ObjectNode live = FieldManager.apply(null, configMap("{x: '1', y: '1', z: '1'}"), "alice", false,
                CONFIGMAP, "t1");
        ObjectNode shared = FieldManager.apply(live, configMap("{z: '1'}"), "bob", false, CONFIGMAP, "t2");
        ObjectNode reapplied = FieldManager.apply(shared, configMap("{x: '1'}"), "alice", false, CONFIGMAP, "t3");
        assertThat(reapplied.get("data").has("x")).isTrue();
        assertThat(reapplied.get("data").has("y")).as("dropped by its only owner").isFalse();
        assertThat(reapplied.get("data").has("z")).as("still owned by bob").isTrue();
    }

    @Test
    void anUpdateTakesOverTheFieldsItChanges() {
        ObjectNode live = FieldManager.apply(null, configMap("{x: '1', y: '1'}"), "alice", false, CONFIGMAP, "t1");
        ObjectNode edited = live.deepCopy();
        ((ObjectNode) edited.get("data")).put("x", "9");
        ((ObjectNode) edited.get("data")).remove("y");
        FieldManager.update(live, edited, "kubectl-edit", CONFIGMAP, "t2");
        assertThat(entry(edited, "kubectl-edit").at("/fieldsV1/f:data").has("f:x")).isTrue();
        JsonNode alice = entry(edited, "alice");
        assertThat(alice).as("alice owned only x and y: both gone").isNull();
    }

    @Test
    void droppedListItemsAreRemovedByKey() {
        String twoContainers = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      containers:
                      - {name: a, image: a:1}
                      - {name: b, image: b:1}
                """;
        ObjectNode live = FieldManager.apply(null, yaml(twoContainers), "alice", false, DEPLOYMENT, "t1");
        ObjectNode one = FieldManager.apply(live, yaml(twoContainers.replace("      - {name: b, image: b:1}\n", "")),
                "alice", false, DEPLOYMENT, "t2");
        assertThat(one.at("/spec/template/spec/containers")).hasSize(1);
        assertThat(one.at("/spec/template/spec/containers/0/name").asText()).isEqualTo("a");
    }

    @Test
    void statusWritesThroughTheSubresourceOwnOnlyStatus() {
        ObjectNode d = yaml("{apiVersion: apps/v1, kind: Deployment, metadata: {name: web}, spec: {replicas: 1}}");
        FieldManager.update(null, d, "kubectl-create", DEPLOYMENT, "t1");
        ObjectNode withStatus = d.deepCopy();
        withStatus.putObject("status").put("replicas", 1);
        FieldManager.Target status = new FieldManager.Target(DEPLOYMENT.schema(), "apps/v1", "status", true);
        FieldManager.update(d, withStatus, "deployment-controller", status, "t2");
        JsonNode e = entry(withStatus, "deployment-controller");
        assertThat(e.path("subresource").asText()).isEqualTo("status");
        assertThat(Json.string(e.path("fieldsV1"))).isEqualTo("{\"f:status\":{\"f:replicas\":{}}}");
    }

    @Test
    void duplicateKeysInAnAppliedListAreRejected() {
        ObjectNode config = yaml("""
                {apiVersion: apps/v1, kind: Deployment, metadata: {name: web},
                 spec: {template: {spec: {containers: [{name: a, image: x}, {name: a, image: y}]}}}}
                """);
        assertThatThrownBy(() -> FieldManager.apply(null, config, "alice", false, DEPLOYMENT, "t1"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessageContaining("duplicate entries for key [name=\"a\"]");
    }

    @Test
    void aRequestCanClearManagedFieldsWithOneEmptyEntry() {
        ObjectNode live = FieldManager.apply(null, configMap("{x: '1'}"), "alice", false, CONFIGMAP, "t1");
        ObjectNode cleared = live.deepCopy();
        ((ObjectNode) cleared.get("metadata")).putArray("managedFields").addObject();
        FieldManager.update(live, cleared, "kubectl-edit", CONFIGMAP, "t2");
        assertThat(cleared.at("/metadata/managedFields")).isEmpty();
    }
}
