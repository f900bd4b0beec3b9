package dev.j8s.api.openapi.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientJavaModelParserTest {

    private static final String SOURCE = """
            @ApiModel(description = "DeploymentStrategy describes how to replace \\"existing\\" pods.")
            public class V1DeploymentStrategy {
              public static final String SERIALIZED_NAME_ROLLING_UPDATE = "rollingUpdate";
              @SerializedName(SERIALIZED_NAME_ROLLING_UPDATE)
              @jakarta.annotation.Nullable
              private V1RollingUpdateDeployment rollingUpdate;

              public static final String SERIALIZED_NAME_PORTS = "ports";
              @SerializedName(SERIALIZED_NAME_PORTS)
              @jakarta.annotation.Nonnull
              private List<V1ContainerPort> ports = new ArrayList<>();

              @jakarta.annotation.Nullable
              @ApiModelProperty(value = "")
              public V1RollingUpdateDeployment getRollingUpdate() {
                return rollingUpdate;
              }

              @jakarta.annotation.Nonnull
              @ApiModelProperty(required = true, value = "List of ports (e.g. \\"http\\").")
              public List<V1ContainerPort> getPorts() {
                return ports;
              }

              static {
                openapiRequiredFields = new HashSet<String>();
                openapiRequiredFields.add("ports");
              }
            }
            """;

    @Test
    void readsPropertiesDescriptionsAndRequiredFields() {
        ModelSource model = ClientJavaModelParser.parse("V1DeploymentStrategy", SOURCE).orElseThrow();

        assertThat(model.description()).isEqualTo("DeploymentStrategy describes how to replace \"existing\" pods.");
        assertThat(model.fields()).containsExactly(
                new ModelSource.Field("rollingUpdate", "V1RollingUpdateDeployment", ""),
                new ModelSource.Field("ports", "List<V1ContainerPort>", "List of ports (e.g. \"http\")."));
        assertThat(model.required()).containsExactly("ports");
    }

    @Test
    void skipsFilesWithoutModelProperties() {
        assertThat(ClientJavaModelParser.parse("AbstractOpenApiSchema", "public abstract class X {}")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "plain|plain",
            "a \\\"quoted\\\" word|a \"quoted\" word",
            "back\\\\slash|back\\slash"})
    void unescapesJavaStringLiterals(String literal, String expected) {
        assertThat(ClientJavaModelParser.unescape(literal)).isEqualTo(expected);
    }

    @Test
    void unescapesLineBreaksAndUnicodeEscapes() {
        String literal = "caf" + '\\' + "u00e9" + '\\' + "n";
        assertThat(ClientJavaModelParser.unescape(literal)).isEqualTo("caf\u00e9\n");
    }
}
