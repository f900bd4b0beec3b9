package dev.j8s.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON written with single quotes, to keep test tables readable. */
final class TestJson {

    private TestJson() {}

    static JsonNode json(String singleQuoted) {
        try {
            return Json.MAPPER.readTree(singleQuoted.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Deployment whose pod template has the given containers (a JSON list). */
    static String deployment(String containers) {
        return "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},"
                + "'spec':{'replicas':1,'template':{'spec':{'containers':" + containers + "}}}}";
    }

    /** A patch of a Deployment's pod spec. */
    static String podSpecPatch(String podSpecFields) {
        return "{'spec':{'template':{'spec':{" + podSpecFields + "}}}}";
    }
}
