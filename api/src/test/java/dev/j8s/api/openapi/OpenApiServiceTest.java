package dev.j8s.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import dev.j8s.api.patch.ListPatchInfo;
import dev.j8s.api.patch.PatchMetadata;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OpenApiServiceTest {

    private static final ResourceRegistry REGISTRY = ResourceRegistry.withBuiltins();
    private static final OpenApiService SERVICE = new OpenApiService(REGISTRY);

    @Test
    void deploymentStrategyCarriesItsFieldAndTypeDescriptions() {
        JsonNode schemas = v3("apis/apps/v1").path("components").path("schemas");
        JsonNode strategy = schemas.path("io.k8s.api.apps.v1.DeploymentSpec").path("properties").path("strategy");

        assertThat(strategy.path("description").asText()).containsIgnoringCase("deployment strategy");
        assertThat(strategy.path("allOf").get(0).path("$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.api.apps.v1.DeploymentStrategy");
        JsonNode strategyType = schemas.path("io.k8s.api.apps.v1.DeploymentStrategy");
        assertThat(strategyType.path("description").asText()).contains("how to replace existing pods");
        assertThat(strategyType.path("properties").path("type").path("type").asText()).isEqualTo("string");
        assertThat(schemas.path("io.k8s.api.apps.v1.DeploymentSpec").path("required"))
                .extracting(JsonNode::asText).containsExactlyInAnyOrder("selector", "template");
    }

    static Stream<Arguments> patchedFields() {
        return Stream.of(
                Arguments.of("api/v1", "io.k8s.api.core.v1.PodSpec", PodSpec.class, "containers"),
                Arguments.of("api/v1", "io.k8s.api.core.v1.PodSpec", PodSpec.class, "volumes"),
                Arguments.of("api/v1", "io.k8s.api.core.v1.Container", Container.class, "ports"),
                Arguments.of("api/v1", "io.k8s.api.core.v1.Container", Container.class, "env"),
                Arguments.of("api/v1", "io.k8s.api.core.v1.ServiceSpec", ServiceSpec.class, "ports"),
                Arguments.of("apis/apps/v1", "io.k8s.api.core.v1.PodSpec", PodSpec.class, "containers"),
                Arguments.of("apis/apps/v1", "io.k8s.api.apps.v1.DeploymentSpec", DeploymentSpec.class, "strategy"));
    }

    /** Whatever PatchMetadata declares for a field is what the schema publishes, in every document. */
    @ParameterizedTest
    @MethodSource("patchedFields")
    void publishesPatchMetadataOnFields(String path, String definition, Class<?> fabric8Class, String field) {
        JsonNode property = v3(path).path("components").path("schemas").path(definition).path("properties").path(field);
        JsonNode v2Property = v2().path("definitions").path(definition).path("properties").path(field);
        Optional<ListPatchInfo> info = PatchMetadata.lookup(fabric8Class, field);

        assertThat(property.isObject()).isTrue();
        for (JsonNode p : List.of(property, v2Property)) {
            assertThat(p.path("x-kubernetes-patch-merge-key").asText(null))
                    .isEqualTo(info.map(ListPatchInfo::mergeKey).orElse(null));
            assertThat(p.path("x-kubernetes-patch-strategy").asText(null))
                    .isEqualTo(info.map(ListPatchInfo::strategy).orElse(null));
            assertThat(p.path("x-kubernetes-list-type").asText(null))
                    .isEqualTo(info.map(ListPatchInfo::listType).orElse(null));
        }
    }

    static Stream<ResourceType> servedTypes() {
        return REGISTRY.all().stream();
    }

    static Stream<ResourceType> storedTypes() {
        return REGISTRY.all().stream().filter(t -> t.supports("patch"));
    }

    @ParameterizedTest
    @MethodSource("servedTypes")
    void everyServedKindAndListHasAGvkTaggedSchema(ResourceType type) {
        JsonNode schemas = v3(docPath(type)).path("components").path("schemas");

        assertThat(schemasTagged(schemas, type.group(), type.version(), type.kind())).hasSize(1);
        assertThat(schemasTagged(schemas, type.group(), type.version(), type.listKind()))
                .hasSize(type.supports("list") ? 1 : 0);
        assertThat(schemasTagged(v2().path("definitions"), type.group(), type.version(), type.kind())).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("storedTypes")
    void patchOperationsDeclareFieldValidationAndPatchContentTypes(ResourceType type) {
        String itemPath = type.pathPrefix() + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural()
                + "/{name}";
        JsonNode patch = v3(docPath(type)).path("paths").path(itemPath).path("patch");

        assertThat(patch.path("x-kubernetes-action").asText()).isEqualTo("patch");
        assertThat(patch.path("x-kubernetes-group-version-kind")).isEqualTo(Json.object()
                .put("group", type.group()).put("kind", type.kind()).put("version", type.version()));
        assertThat(patch.path("parameters")).extracting(p -> p.path("name").asText())
                .contains("fieldValidation", "dryRun", "fieldManager", "force");
        assertThat(patch.path("requestBody").path("content").properties()).extracting(e -> e.getKey())
                .containsExactlyInAnyOrder("application/json-patch+json", "application/merge-patch+json",
                        "application/strategic-merge-patch+json", "application/apply-patch+yaml");
        JsonNode list = v3(docPath(type)).path("paths").path(itemPath.substring(0, itemPath.length() - "/{name}".length()));
        assertThat(list.path("get").path("x-kubernetes-action").asText()).isEqualTo("list");
        assertThat(list.path("post").path("x-kubernetes-action").asText()).isEqualTo("post");
    }

    @Test
    void scaleSubresourceSpeaksAutoscalingScale() {
        JsonNode doc = v3("apis/apps/v1");
        JsonNode get = doc.path("paths").path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale").path("get");

        assertThat(get.path("x-kubernetes-group-version-kind").path("kind").asText()).isEqualTo("Scale");
        assertThat(get.path("x-kubernetes-group-version-kind").path("group").asText()).isEqualTo("autoscaling");
        assertThat(doc.path("components").path("schemas").has("io.k8s.api.autoscaling.v1.Scale")).isTrue();
    }

    @Test
    void everyReferenceResolvesWithinItsDocument() {
        for (String path : indexPaths()) {
            JsonNode doc = v3(path);
            assertThat(unresolvedRefs(doc, doc, "#/components/schemas/")).as(path).isEmpty();
        }
        assertThat(unresolvedRefs(v2(), v2(), "#/definitions/")).isEmpty();
    }

    @Test
    void indexCoversEveryServedGroupVersionWithItsHash() {
        Set<String> expected = new java.util.TreeSet<>();
        REGISTRY.all().forEach(t -> expected.add(docPath(t)));

        assertThat(indexPaths()).containsExactlyInAnyOrderElementsOf(expected);
        for (String path : expected) {
            String hash = SERVICE.v3Hash(path).orElseThrow();
            assertThat(hash).matches("[0-9A-F]{128}");
            assertThat(SERVICE.v3Index().path("paths").path(path).path("serverRelativeURL").asText())
                    .isEqualTo("/openapi/v3/" + path + "?hash=" + hash);
        }
        assertThat(SERVICE.v3Document("apis/nope/v1")).isEmpty();
        assertThat(SERVICE.v3Hash("apis/nope/v1")).isEmpty();
    }

    @Test
    void documentsAreBuiltOnceAndCached() {
        assertThat(SERVICE.v3Document("api/v1").orElseThrow()).isSameAs(SERVICE.v3Document("api/v1").orElseThrow());
        assertThat(SERVICE.v2Document()).isSameAs(SERVICE.v2Document());
    }

    @Test
    void quantityAndIntOrStringAcceptBothJsonTypesInV3() {
        JsonNode schemas = v3("api/v1").path("components").path("schemas");

        assertThat(schemas.path(ApiGroupPackages.QUANTITY).path("oneOf")).extracting(n -> n.path("type").asText())
                .containsExactly("string", "number");
        assertThat(schemas.path(ApiGroupPackages.INT_OR_STRING).path("format").asText()).isEqualTo("int-or-string");
        assertThat(v2().path("definitions").path(ApiGroupPackages.QUANTITY).path("type").asText()).isEqualTo("string");
    }

    @Test
    void customResourcesAppearAfterInvalidate() {
        ResourceRegistry registry = ResourceRegistry.withBuiltins();
        OpenApiService service = new OpenApiService(registry);
        assertThat(service.v3Document("apis/stable.example.com/v1")).isEmpty();

        registry.register(new ResourceType("stable.example.com", "v1", "crontabs", "crontab", "CronTab", true,
                List.of("ct"), List.of(), Set.of("status"), null, ResourceType.ALL_VERBS, null));
        service.invalidate();

        JsonNode doc = parse(service.v3Document("apis/stable.example.com/v1").orElseThrow());
        JsonNode schemas = doc.path("components").path("schemas");
        assertThat(schemasTagged(schemas, "stable.example.com", "v1", "CronTab")).containsExactly("com.example.stable.v1.CronTab");
        assertThat(unresolvedRefs(doc, doc, "#/components/schemas/")).isEmpty();
        assertThat(doc.path("paths").has("/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}/status")).isTrue();
    }

    private static List<String> schemasTagged(JsonNode schemas, String group, String version, String kind) {
        ObjectNode gvk = Json.object().put("group", group).put("kind", kind).put("version", version);
        List<String> out = new ArrayList<>();
        schemas.properties().forEach(e -> {
            for (JsonNode tag : e.getValue().path("x-kubernetes-group-version-kind")) {
                if (tag.equals(gvk)) {
                    out.add(e.getKey());
                }
            }
        });
        return out;
    }

    private static List<String> unresolvedRefs(JsonNode node, JsonNode doc, String prefix) {
        List<String> out = new ArrayList<>();
        JsonNode container = prefix.startsWith("#/components") ? doc.path("components").path("schemas") : doc.path("definitions");
        for (JsonNode ref : node.findValues("$ref")) {
            if (ref.isTextual() && (!ref.asText().startsWith(prefix) || !container.has(ref.asText().substring(prefix.length())))) {
                out.add(ref.asText());
            }
        }
        return out;
    }

    private static List<String> indexPaths() {
        List<String> out = new ArrayList<>();
        SERVICE.v3Index().path("paths").properties().forEach(e -> out.add(e.getKey()));
        return out;
    }

    private static String docPath(ResourceType type) {
        return type.pathPrefix().substring(1);
    }

    private static JsonNode v3(String path) {
        return parse(SERVICE.v3Document(path).orElseThrow());
    }

    private static JsonNode v2() {
        return parse(SERVICE.v2Document());
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return Json.parse(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
