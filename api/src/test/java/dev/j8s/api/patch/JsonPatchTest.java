package dev.j8s.api.patch;

import static dev.j8s.api.patch.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPatchTest {

    private static final String POD = "{'metadata':{'name':'p','labels':{'app':'web'}},"
            + "'spec':{'containers':[{'name':'a','image':'x'}]}}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[{'op':'add','path':'/metadata/labels/env','value':'prod'}]"
                    + "| {'metadata':{'name':'p','labels':{'app':'web','env':'prod'}},'spec':{'containers':[{'name':'a','image':'x'}]}}",
            "[{'op':'remove','path':'/metadata/labels'}]"
                    + "| {'metadata':{'name':'p'},'spec':{'containers':[{'name':'a','image':'x'}]}}",
            "[{'op':'replace','path':'/spec/containers/0/image','value':'y'}]"
                    + "| {'metadata':{'name':'p','labels':{'app':'web'}},'spec':{'containers':[{'name':'a','image':'y'}]}}",
            "[{'op':'add','path':'/spec/containers/-','value':{'name':'b'}}]"
                    + "| {'metadata':{'name':'p','labels':{'app':'web'}},'spec':{'containers':[{'name':'a','image':'x'},{'name':'b'}]}}",
            "[{'op':'test','path':'/metadata/name','value':'p'},{'op':'copy','from':'/metadata/name','path':'/metadata/labels/name'}]"
                    + "| {'metadata':{'name':'p','labels':{'app':'web','name':'p'}},'spec':{'containers':[{'name':'a','image':'x'}]}}",
            "[{'op':'move','from':'/metadata/labels/app','path':'/metadata/labels/role'}]"
                    + "| {'metadata':{'name':'p','labels':{'role':'web'}},'spec':{'containers':[{'name':'a','image':'x'}]}}",
            "[] | " + POD})
    void appliesOperations(String patch, String expected) {
        assertThat(JsonPatch.apply(json(POD), json(patch))).isEqualTo(json(expected));
    }

    /** kube-apiserver answers 422 with a fixed message when a well-formed patch does not apply. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[{'op':'test','path':'/metadata/name','value':'q'}]",
            "[{'op':'remove','path':'/metadata/annotations'}]",
            "[{'op':'replace','path':'/spec/replicas','value':2}]",
            "[{'op':'add','path':'/status/phase','value':'Running'}]",
            "[{'op':'remove','path':'/spec/containers/5'}]",
            "[{'op':'frobnicate','path':'/metadata'}]"})
    void rejectsOperationsThatDoNotApply(String patch) {
        assertThatThrownBy(() -> JsonPatch.apply(json(POD), json(patch)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.reason()).isEqualTo("Invalid");
                    assertThat(e.getMessage()).isEqualTo("the server rejected our request due to an error in our request");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'op':'add'}", "'add'", "null", "[1]"})
    void rejectsBodiesThatAreNotListsOfOperations(String patch) {
        assertThatThrownBy(() -> JsonPatch.apply(json(POD), json(patch)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }

    @Test
    void limitsTheNumberOfOperations() {
        ArrayNode patch = Json.MAPPER.createArrayNode();
        for (int i = 0; i <= JsonPatch.MAX_OPERATIONS; i++) {
            patch.add(json("{'op':'test','path':'/metadata/name','value':'p'}"));
        }

        assertThatThrownBy(() -> JsonPatch.apply(json(POD), patch))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(413));
    }

    @Test
    void leavesTheTargetAlone() {
        JsonNode target = json(POD);

        JsonPatch.apply(target, json("[{'op':'remove','path':'/metadata/labels'}]"));

        assertThat(target).isEqualTo(json(POD));
    }
}
