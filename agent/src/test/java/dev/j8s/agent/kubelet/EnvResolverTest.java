package dev.j8s.agent.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EnvResolverTest {

    static final ConfigSource SOURCE = new ConfigSource() {
        @Override
        public ConfigMap configMap(String namespace, String name) {
            return name.equals("cfg") ? new ConfigMapBuilder().withNewMetadata().withName("cfg").endMetadata()
                    .withData(Map.of("mode", "fast", "1bad", "skipped", "level", "3")).build() : null;
        }

        @Override
        public Secret secret(String namespace, String name) {
            return name.equals("sec") ? new SecretBuilder().withNewMetadata().withName("sec").endMetadata()
                    .withData(Map.of("password", Base64.getEncoder().encodeToString("s3cret".getBytes()))).build() : null;
        }
    };

    static final Pod POD = new PodBuilder().withNewMetadata().withName("web-1").withNamespace("prod").withUid("u-1")
            .withLabels(Map.of("app", "web")).endMetadata()
            .withNewSpec().withNodeName("node-a").withServiceAccountName("default").endSpec().build();

    record Case(String name, EnvVar var, String expected) {}

    static List<Case> cases() {
        return List.of(
                new Case("plain value", new EnvVarBuilder().withName("X").withValue("1").build(), "1"),
                new Case("expands an earlier var", new EnvVarBuilder().withName("X").withValue("$(BASE)/bin").build(),
                        "/opt/bin"),
                new Case("unknown stays", new EnvVarBuilder().withName("X").withValue("$(NOPE)").build(), "$(NOPE)"),
                new Case("configMapKeyRef", new EnvVarBuilder().withName("X").withNewValueFrom().withNewConfigMapKeyRef()
                        .withName("cfg").withKey("mode").endConfigMapKeyRef().endValueFrom().build(), "fast"),
                new Case("secretKeyRef", new EnvVarBuilder().withName("X").withNewValueFrom().withNewSecretKeyRef()
                        .withName("sec").withKey("password").endSecretKeyRef().endValueFrom().build(), "s3cret"),
                new Case("fieldRef name", fieldRef("metadata.name"), "web-1"),
                new Case("fieldRef namespace", fieldRef("metadata.namespace"), "prod"),
                new Case("fieldRef label", fieldRef("metadata.labels['app']"), "web"),
                new Case("fieldRef node", fieldRef("spec.nodeName"), "node-a"),
                new Case("fieldRef podIP", fieldRef("status.podIP"), "10.0.0.9"),
                new Case("fieldRef hostIP", fieldRef("status.hostIP"), "10.0.0.1"),
                new Case("limits.memory in Mi", new EnvVarBuilder().withName("X").withNewValueFrom().withNewResourceFieldRef()
                        .withResource("limits.memory").withDivisor(new Quantity("1Mi")).endResourceFieldRef().endValueFrom()
                        .build(), "128"),
                new Case("limits.cpu unset is the node's, rounded up", new EnvVarBuilder().withName("X").withNewValueFrom()
                        .withNewResourceFieldRef().withResource("limits.cpu").endResourceFieldRef().endValueFrom().build(), "4"),
                new Case("requests.cpu in millicores", new EnvVarBuilder().withName("X").withNewValueFrom()
                        .withNewResourceFieldRef().withResource("requests.cpu").withDivisor(new Quantity("1m"))
                        .endResourceFieldRef().endValueFrom().build(), "250"));
    }

    private static EnvVar fieldRef(String path) {
        return new EnvVarBuilder().withName("X").withNewValueFrom().withNewFieldRef().withFieldPath(path).endFieldRef()
                .endValueFrom().build();
    }

    private static Container container(EnvVar... vars) {
        return new ContainerBuilder().withName("app").addNewEnv().withName("BASE").withValue("/opt").endEnv().addToEnv(vars)
                .withNewResources().addToLimits("memory", new Quantity("128Mi")).addToRequests("cpu", new Quantity("250m"))
                .endResources().build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resolvesEachKindOfValue(Case c) throws Exception {
        Map<String, String> env = new EnvResolver(SOURCE).environment(POD, container(c.var()), "10.0.0.1", "10.0.0.9",
                Map.of("cpu", new Quantity("4"), "memory", new Quantity("16Gi")));
        assertThat(env).containsEntry("X", c.expected());
    }

    @Test
    void envFromComesFirstWithPrefixAndSkipsInvalidNames() throws Exception {
        Container c = new ContainerBuilder().withName("app")
                .addNewEnvFrom().withPrefix("CFG_").withNewConfigMapRef().withName("cfg").endConfigMapRef().endEnvFrom()
                .addNewEnvFrom().withNewSecretRef().withName("sec").endSecretRef().endEnvFrom()
                .addNewEnvFrom().withNewConfigMapRef().withName("absent").withOptional(true).endConfigMapRef().endEnvFrom()
                .addNewEnv().withName("CFG_mode").withValue("override").endEnv()
                .build();
        Map<String, String> env = new EnvResolver(SOURCE).environment(POD, c, "h", "p", Map.of());
        assertThat(env).containsEntry("CFG_mode", "override").containsEntry("CFG_level", "3")
                .containsEntry("CFG_1bad", "skipped").containsEntry("password", "s3cret");
        // An env entry overrides an envFrom one in place: the order is that of first definition.
        assertThat(env.keySet()).containsExactly("CFG_1bad", "CFG_level", "CFG_mode", "password");
        Container unprefixed = new ContainerBuilder().withName("app")
                .addNewEnvFrom().withNewConfigMapRef().withName("cfg").endConfigMapRef().endEnvFrom().build();
        assertThat(new EnvResolver(SOURCE).environment(POD, unprefixed, "h", "p", Map.of()).keySet())
                .containsExactly("level", "mode");
    }

    @Test
    void missingRequiredReferencesFailWithTheKubeletsMessage() {
        Container missingMap = container(new EnvVarBuilder().withName("X").withNewValueFrom().withNewConfigMapKeyRef()
                .withName("nope").withKey("k").endConfigMapKeyRef().endValueFrom().build());
        assertThatThrownBy(() -> new EnvResolver(SOURCE).environment(POD, missingMap, "h", "p", Map.of()))
                .isInstanceOf(ContainerConfigException.class).hasMessage("configmap \"nope\" not found");
        Container missingKey = container(new EnvVarBuilder().withName("X").withNewValueFrom().withNewSecretKeyRef()
                .withName("sec").withKey("user").endSecretKeyRef().endValueFrom().build());
        assertThatThrownBy(() -> new EnvResolver(SOURCE).environment(POD, missingKey, "h", "p", Map.of()))
                .hasMessage("couldn't find key user in Secret prod/sec");
    }

    @Test
    void commandAndArgsExpandAgainstTheEnvironment() {
        assertThat(EnvResolver.expand(List.of("echo", "$(GREETING) $(WHO)", "$$(GREETING)"), Map.of("GREETING", "hi")))
                .containsExactly("echo", "hi $(WHO)", "$(GREETING)");
    }
}
