package dev.j8s.api.patch;

import static dev.j8s.api.patch.TestJson.deployment;
import static dev.j8s.api.patch.TestJson.json;
import static dev.j8s.api.patch.TestJson.podSpecPatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.j8s.api.ApiException;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed strategic merge patches and the Status codes they answer. */
class StrategicMergePatchErrorsTest {

    private static final String TWO_CONTAINERS = deployment("[{'name':'a','image':'x'},{'name':'b','image':'y'}]");

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedPatches")
    void rejects(String name, String original, String patch, int code, String message) {
        assertThatThrownBy(() -> StrategicMergePatch.apply(json(original), json(patch), Deployment.class))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    static Stream<Arguments> malformedPatches() {
        return Stream.of(
                Arguments.of("a patch that is not an object", "{}", "[1]", 400,
                        "cannot unmarshal array into Go value of type map[string]interface {}"),
                Arguments.of("an unknown $patch value in a map", "{'metadata':{'labels':{'a':'1'}}}",
                        "{'metadata':{'labels':{'$patch':'bogus'}}}", 400, "unknown patch type: bogus"),
                Arguments.of("$patch: merge in a map", "{'metadata':{'labels':{'a':'1'}}}",
                        "{'metadata':{'labels':{'$patch':'merge'}}}", 400, "unknown patch type: merge"),
                Arguments.of("a merge list item without its merge key", TWO_CONTAINERS,
                        podSpecPatch("'containers':[{'image':'z'}]"), 400, "does not contain declared merge key: name"),
                Arguments.of("a delete directive without the merge key", TWO_CONTAINERS,
                        podSpecPatch("'containers':[{'$patch':'delete'}]"), 400, "does not contain declared merge key: name"),
                Arguments.of("$patch: merge in a list item", TWO_CONTAINERS,
                        podSpecPatch("'containers':[{'$patch':'merge','name':'a'}]"), 400,
                        "merging lists cannot yet be specified in the patch"),
                Arguments.of("an unknown $patch value in a list item", TWO_CONTAINERS,
                        podSpecPatch("'containers':[{'$patch':'bogus','name':'a'}]"), 400, "unknown patch type: bogus"),
                Arguments.of("$retainKeys that is not a list", "{'spec':{'strategy':{'type':'Recreate'}}}",
                        "{'spec':{'strategy':{'$retainKeys':'type'}}}", 400, "invalid patch format of retainKeys"),
                Arguments.of("a field missing from $retainKeys", "{'spec':{'strategy':{'type':'Recreate'}}}",
                        "{'spec':{'strategy':{'$retainKeys':['type'],'type':'RollingUpdate','rollingUpdate':{}}}}", 400,
                        "invalid patch format of retainKeys"),
                Arguments.of("$setElementOrder that is not a list", TWO_CONTAINERS,
                        podSpecPatch("'$setElementOrder/containers':{'name':'a'}"), 400,
                        "invalid patch format of setElementOrder list"),
                Arguments.of("$setElementOrder without a field name", TWO_CONTAINERS,
                        podSpecPatch("'$setElementOrder':[]"), 400, "invalid patch format of setElementOrder list"),
                Arguments.of("a patch list out of $setElementOrder order", TWO_CONTAINERS,
                        podSpecPatch("'$setElementOrder/containers':[{'name':'a'},{'name':'b'}],"
                                + "'containers':[{'name':'b','image':'1'},{'name':'a','image':'2'}]"), 400,
                        "doesn't match $setElementOrder list"),
                Arguments.of("$deleteFromPrimitiveList without a field name", "{'metadata':{'finalizers':['a']}}",
                        "{'metadata':{'$deleteFromPrimitiveListfinalizers':['a']}}", 400,
                        "invalid patch format of primitive list"),
                Arguments.of("a list of lists in a merging list", "{'metadata':{'finalizers':['a']}}",
                        "{'metadata':{'finalizers':[['b']]}}", 422,
                        "the server rejected our request due to an error in our request"),
                Arguments.of("mixed item kinds in a merging list", "{'metadata':{'finalizers':['a']}}",
                        "{'metadata':{'finalizers':[{'name':'b'}]}}", 400, "list element types are not identical"),
                Arguments.of("an original that is not an object", "[1]", "{}", 400, "invalid JSON document"));
    }
}
