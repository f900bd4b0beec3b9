package dev.j8s.apiserver.rest;

import dev.j8s.api.ApiException;
import dev.j8s.apiserver.http.ApiRequest;
import java.util.ArrayList;
import java.util.List;

/** Query parameters shared by create, update and patch. */
public record WriteOptions(boolean dryRun, String fieldValidation, String fieldManager, boolean force,
                           List<String> warnings) {

    public static WriteOptions from(ApiRequest request) {
        List<String> dryRun = request.query().getOrDefault("dryRun", List.of());
        for (String d : dryRun) {
            if (!d.equals("All")) {
                throw ApiException.badRequest("Invalid dry run option: " + d + ", supported values: All");
            }
        }
        String fieldValidation = request.param("fieldValidation", "Warn");
        if (!List.of("Strict", "Warn", "Ignore").contains(fieldValidation)) {
            throw ApiException.badRequest("Invalid fieldValidation directive: " + fieldValidation
                    + ", supported values: Ignore, Warn, Strict");
        }
        return new WriteOptions(!dryRun.isEmpty(), fieldValidation, request.param("fieldManager"),
                request.flag("force"), new ArrayList<>());
    }
}
