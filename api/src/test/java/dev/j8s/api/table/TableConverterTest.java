package dev.j8s.api.table;

import static dev.j8s.api.table.TestObjects.NOW;
import static dev.j8s.api.table.TestObjects.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableConverterTest {

    private static final ResourceRegistry REGISTRY = ResourceRegistry.withBuiltins();

    private final TableConverter converter = new TableConverter(Clock.fixed(NOW, ZoneOffset.UTC));

    private static ResourceType type(String group, String version, String plural) {
        return REGISTRY.byResource(group, version, plural).orElseThrow();
    }

    private static ObjectNode runningPod() {
        return obj("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'web','namespace':'default','uid':'u-1',"
                + "'resourceVersion':'41','labels':{'app':'web'},'creationTimestamp':'${-5m}'},"
                + "'spec':{'nodeName':'node-1','containers':[{'name':'app','image':'nginx'}]},"
                + "'status':{'phase':'Running','podIP':'10.42.0.5','containerStatuses':[{'name':'app','ready':true,"
                + "'restartCount':0,'state':{'running':{}}}]}}");
    }

    private static ObjectNode completedPod() {
        return obj("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'job-x','namespace':'default',"
                + "'creationTimestamp':'${-1h}'},'spec':{'containers':[{'name':'app'}]},"
                + "'status':{'phase':'Succeeded','containerStatuses':[{'name':'app','restartCount':0,"
                + "'state':{'terminated':{'exitCode':0,'reason':'Completed'}}}]}}");
    }

    @Test
    void podListBecomesATableWithMetadataRows() {
        ObjectNode listMeta = obj("{'resourceVersion':'57','continue':'abc','remainingItemCount':3}");

        ObjectNode table = converter.toTable(type("", "v1", "pods"), List.of(runningPod(), completedPod()),
                null, listMeta, false);

        assertThat(table.get("kind").asText()).isEqualTo("Table");
        assertThat(table.get("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(table.get("metadata")).isEqualTo(listMeta);
        JsonNode first = table.get("columnDefinitions").get(0);
        assertThat(Json.string(first)).startsWith("{\"name\":\"Name\",\"type\":\"string\",\"format\":\"name\","
                + "\"description\":\"Name must be unique within a namespace.");
        assertThat(first.get("priority").asInt()).isZero();
        assertThat(table.get("columnDefinitions").get(5).get("name").asText()).isEqualTo("IP");
        assertThat(table.get("columnDefinitions").get(5).get("priority").asInt()).isEqualTo(1);

        JsonNode row = table.get("rows").get(0);
        assertThat(Json.string(row.get("cells")))
                .isEqualTo("[\"web\",\"1/1\",\"Running\",\"0\",\"5m\",\"10.42.0.5\",\"node-1\",\"<none>\",\"<none>\"]");
        assertThat(row.has("conditions")).isFalse();
        assertThat(row.get("object")).isEqualTo(obj("{'kind':'PartialObjectMetadata','apiVersion':'meta.k8s.io/v1',"
                + "'metadata':" + Json.string(runningPod().get("metadata")) + "}"));

        JsonNode completed = table.get("rows").get(1);
        assertThat(completed.get("cells").get(2).asText()).isEqualTo("Completed");
        assertThat(completed.get("conditions")).isEqualTo(obj("{'c':[{'type':'Completed','status':'True',"
                + "'reason':'Succeeded','message':'The pod has completed successfully.'}]}").get("c"));
    }

    @Test
    void includeObjectChoosesWhatRowsCarry() {
        ResourceType pods = type("", "v1", "pods");

        assertThat(converter.toTable(pods, List.of(runningPod()), "Object", null, false).at("/rows/0/object"))
                .isEqualTo(runningPod());
        assertThat(converter.toTable(pods, List.of(runningPod()), "None", null, false).at("/rows/0/object").isNull())
                .isTrue();
        assertThat(converter.toTable(pods, List.of(runningPod()), "Metadata", null, false).at("/rows/0/object/kind")
                .asText()).isEqualTo("PartialObjectMetadata");
        assertThat(converter.toTable(pods, List.of(runningPod()), "", null, false).at("/rows/0/object/kind")
                .asText()).isEqualTo("PartialObjectMetadata");
    }

    @Test
    void rowObjectsAreCopies() {
        ObjectNode pod = runningPod();
        ObjectNode table = converter.toTable(type("", "v1", "pods"), List.of(pod), "Object", null, false);
        ((ObjectNode) table.at("/rows/0/object/metadata")).put("name", "changed");
        assertThat(pod.at("/metadata/name").asText()).isEqualTo("web");
    }

    @Test
    void unknownIncludeObjectIsABadRequest() {
        assertThatThrownBy(() -> converter.toTable(type("", "v1", "pods"), List.of(), "Everything", null, false))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(400))
                .hasMessageContaining("unrecognized includeObject value: \"Everything\"");
    }

    @Test
    void noHeadersLeavesColumnDefinitionsNull() {
        ObjectNode table = converter.toTable(type("", "v1", "pods"), List.of(runningPod()), "Object",
                obj("{'resourceVersion':'42'}"), true);

        assertThat(table.get("columnDefinitions").isNull()).isTrue();
        assertThat(table.at("/rows/0/cells/0").asText()).isEqualTo("web");
        assertThat(table.at("/metadata/resourceVersion").asText()).isEqualTo("42");
    }

    @Test
    void emptyListGivesEmptyRowsAndOnlySetListFields() {
        ObjectNode table = converter.toTable(type("apps", "v1", "deployments"), List.of(), null,
                obj("{'resourceVersion':'9','continue':''}"), false);

        assertThat(Json.string(table.get("rows"))).isEqualTo("[]");
        assertThat(Json.string(table.get("metadata"))).isEqualTo("{\"resourceVersion\":\"9\"}");
        assertThat(table.get("columnDefinitions")).hasSize(8);
    }

    @Test
    void cellsKeepTheirJsonTypes() {
        ObjectNode deployment = obj("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'shop',"
                + "'creationTimestamp':'${-3d}'},'spec':{'replicas':2,'selector':{'matchLabels':{'app':'shop'}},"
                + "'template':{'spec':{'containers':[{'name':'web','image':'nginx'}]}}},"
                + "'status':{'readyReplicas':2,'updatedReplicas':2,'availableReplicas':2}}");
        ObjectNode table = converter.toTable(type("apps", "v1", "deployments"), List.of(deployment), null, null, false);

        assertThat(Json.string(table.at("/rows/0/cells")))
                .isEqualTo("[\"shop\",\"2/2\",2,2,\"3d\",\"web\",\"nginx\",\"app=shop\"]");
    }

    @Test
    void resourcesWithoutAPrinterGetNameAndCreatedAt() {
        ObjectNode role = obj("{'apiVersion':'rbac.authorization.k8s.io/v1','kind':'Role','metadata':{'name':'reader',"
                + "'namespace':'default','creationTimestamp':'2024-04-30T08:15:00Z'}}");
        ObjectNode table = converter.toTable(type("rbac.authorization.k8s.io", "v1", "roles"), List.of(role),
                null, null, false);

        assertThat(table.get("columnDefinitions")).hasSize(2);
        assertThat(table.at("/columnDefinitions/1/name").asText()).isEqualTo("Created At");
        assertThat(table.at("/columnDefinitions/1/type").asText()).isEqualTo("date");
        assertThat(table.at("/columnDefinitions/1/description").asText()).startsWith("CreationTimestamp is a timestamp");
        assertThat(Json.string(table.at("/rows/0/cells"))).isEqualTo("[\"reader\",\"2024-04-30T08:15:00Z\"]");
    }

    @Test
    void defaultTableWritesGoZeroTimeForMissingCreationTimestamp() {
        ObjectNode table = converter.toTable(type("", "v1", "limitranges"),
                List.of(obj("{'metadata':{'name':'limits'}}")), null, null, false);
        assertThat(table.at("/rows/0/cells/1").asText()).isEqualTo("0001-01-01T00:00:00Z");
    }

    @Test
    void onlyResourcesKubernetesLeavesWithoutPrinterUseTheDefault() {
        PrinterRegistry printers = PrinterRegistry.builtins();
        List<String> defaults = REGISTRY.all().stream().filter(t -> t.supports("list") && !printers.hasPrinter(t))
                .map(ResourceType::groupResource).sorted().toList();
        assertThat(defaults).containsExactly("clusterroles.rbac.authorization.k8s.io",
                "customresourcedefinitions.apiextensions.k8s.io", "limitranges", "nodes.metrics.k8s.io",
                "pods.metrics.k8s.io", "roles.rbac.authorization.k8s.io");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'metadata':{'name':'x'}}", "{'metadata':{'name':'x','creationTimestamp':'${-1s}'},"
            + "'spec':{},'status':{}}"})
    void everyBuiltinPrintsOneCellPerColumn(String json) {
        for (ResourceType type : REGISTRY.all()) {
            ObjectNode table = converter.toTable(type, List.of(obj(json)), null, null, false);
            assertThat(table.at("/rows/0/cells").size()).as(type.groupResource())
                    .isEqualTo(table.get("columnDefinitions").size());
            assertThat(table.at("/rows/0/cells").toString()).as(type.groupResource()).contains("\"x");
            for (JsonNode column : table.get("columnDefinitions")) {
                assertThat(column.fieldNames()).toIterable().as(type.groupResource())
                        .containsExactly("name", "type", "format", "description", "priority");
                assertThat(column.get("description").asText()).as(type.groupResource() + " " + column.get("name"))
                        .isNotEmpty();
            }
        }
    }

    @Test
    void ageOfAnObjectWithoutCreationTimestampIsUnknown() {
        ObjectNode table = converter.toTable(type("", "v1", "configmaps"),
                List.of(obj("{'metadata':{'name':'cm'}}")), null, null, false);
        assertThat(Json.string(table.at("/rows/0/cells"))).isEqualTo("[\"cm\",0,\"<unknown>\"]");
    }
}
