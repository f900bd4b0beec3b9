package dev.j8s.api.patch;

import static dev.j8s.api.patch.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MergePatchTest {

    /** RFC 7386 appendix A, the cases whose patch is an object (the only kind the API server takes). */
    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "{'a':'b'}                | {'a':'c'}                  | {'a':'c'}",
            "{'a':'b'}                | {'b':'c'}                  | {'a':'b','b':'c'}",
            "{'a':'b'}                | {'a':null}                 | {}",
            "{'a':'b','b':'c'}        | {'a':null}                 | {'b':'c'}",
            "{'a':['b']}              | {'a':'c'}                  | {'a':'c'}",
            "{'a':'c'}                | {'a':['b']}                | {'a':['b']}",
            "{'a':{'b':'c'}}          | {'a':{'b':'d','c':null}}   | {'a':{'b':'d'}}",
            "{'a':[{'b':'c'}]}        | {'a':[1]}                  | {'a':[1]}",
            "{'e':null}               | {'a':1}                    | {'e':null,'a':1}",
            "[1,2]                    | {'a':'b','c':null}         | {'a':'b'}",
            "{}                       | {'a':{'bb':{'ccc':null}}}  | {'a':{'bb':{}}}",
            "{'a':'x'}                | {'a':{'b':'c'}}            | {'a':{'b':'c'}}",
            "{'spec':{'containers':[{'name':'a'},{'name':'b'}]}} | {'spec':{'containers':[{'name':'b'}]}} | {'spec':{'containers':[{'name':'b'}]}}"})
    void mergesAsRfc7386Says(String target, String patch, String expected) {
        assertThat(MergePatch.apply(json(target), json(patch))).isEqualTo(json(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"['c']", "null", "'bar'", "1"})
    void refusesAPatchThatIsNotAnObject(String patch) {
        assertThatThrownBy(() -> MergePatch.apply(json("{'a':'b'}"), json(patch)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("Invalid JSON Patch");
                });
    }

    @Test
    void leavesTheTargetAlone() {
        JsonNode target = json("{'a':{'b':1}}");

        MergePatch.apply(target, json("{'a':{'b':2,'c':3}}"));

        assertThat(target).isEqualTo(json("{'a':{'b':1}}"));
    }
}
