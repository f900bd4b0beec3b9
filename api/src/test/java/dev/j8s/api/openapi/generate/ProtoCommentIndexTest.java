package dev.j8s.api.openapi.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProtoCommentIndexTest {

    static Stream<Arguments> comments() {
        return Stream.of(
                Arguments.of("one line", "one line"),
                Arguments.of("joined|across lines", "joined across lines"),
                Arguments.of("first|| second paragraph", "first\n\nsecond paragraph"),
                Arguments.of("kept| +optional| +patchStrategy=retainKeys", "kept"),
                Arguments.of("public part| ---| TODO: private part", "public part"),
                Arguments.of("text| TODO: one-line todo| more", "text more"),
                Arguments.of("a &lt;b&gt; &amp; c&#64;d", "a <b> & c@d"));
    }

    @ParameterizedTest
    @MethodSource("comments")
    void joinsCommentLinesLikeKubernetesOpenApi(String lines, String expected) {
        List<String> split = Arrays.asList(lines.split("\\|", -1));
        assertThat(ProtoCommentIndex.toDescription(split)).isEqualTo(expected);
    }

    @Test
    void indexesMessageAndFieldCommentsOfProtocJavadoc() {
        String source = """
                  public interface DeploymentSpecOrBuilder extends
                      // @@protoc_insertion_point(interface_extends:k8s.io.api.apps.v1.DeploymentSpec)
                      com.google.protobuf.MessageOrBuilder {
                    /**
                     * <pre>
                     * The deployment strategy to use to replace existing pods with new ones.
                     * +optional
                     * +patchStrategy=retainKeys
                     * </pre>
                     *
                     * <code>optional .k8s.io.api.apps.v1.DeploymentStrategy strategy = 4;</code>
                     * @return Whether the strategy field is set.
                     */
                    boolean hasStrategy();
                    /**
                     * <code>map&lt;string, string&gt; labels = 11;</code>
                     */
                  }
                  /**
                   * <pre>
                   * DeploymentSpec is the specification of the desired behavior of the Deployment.
                   * </pre>
                   *
                   * Protobuf type {@code k8s.io.api.apps.v1.DeploymentSpec}
                   */
                """;
        ProtoCommentIndex index = new ProtoCommentIndex();
        index.add(source);

        ProtoCommentIndex.MessageDoc doc = index.message("k8s.io.api.apps.v1.DeploymentSpec").orElseThrow();
        assertThat(doc.description()).isEqualTo("DeploymentSpec is the specification of the desired behavior of the Deployment.");
        assertThat(doc.fields().get("strategy")).isEqualTo(new ProtoCommentIndex.FieldDoc(
                "The deployment strategy to use to replace existing pods with new ones.",
                ".k8s.io.api.apps.v1.DeploymentStrategy"));
        assertThat(doc.fields().get("labels").protoType()).isEqualTo("map<string, string>");
    }
}
