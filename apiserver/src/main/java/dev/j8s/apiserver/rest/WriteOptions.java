package dev.j8s.apiserver.rest;

import dev.j8s.api.ApiException;
import dev.j8s.api.StatusCause;
import dev.j8s.apiserver.http.ApiRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Query parameters shared by create, update and patch.
 *
 * @param fieldManager the {@code fieldManager} parameter as given (null when absent)
 * @param userAgent    the client's User-Agent, which names the field manager when the request does not
 * @param applied      true when server-side apply already recorded the write's managedFields
 */
public record WriteOptions(boolean dryRun, String fieldValidation, String fieldManager, boolean force,
                           List<String> warnings, String userAgent, boolean applied) {

    private static final int MAX_MANAGER_LENGTH = 128;

    /** Options for writes the server makes itself. */
    public static WriteOptions internal(String manager) {
        return new WriteOptions(false, "Ignore", manager, false, new ArrayList<>(), null, false);
    }

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
        String fieldManager = request.param("fieldManager");
        if (fieldManager != null && fieldManager.length() > MAX_MANAGER_LENGTH) {
            throw ApiException.invalid("meta.k8s.io", "CreateOptions", "", List.of(new StatusCause("FieldValueTooLong",
                    "Too long: may not be more than " + MAX_MANAGER_LENGTH + " bytes", "fieldManager")));
        }
        return new WriteOptions(!dryRun.isEmpty(), fieldValidation, fieldManager, request.flag("force"),
                new ArrayList<>(), request.header("User-Agent"), false);
    }

    /**
     * The field manager of the write: the {@code fieldManager} parameter, else the User-Agent up to its
     * first "/" ("kubectl", "Helm"), as kube-apiserver names managers.
     */
    public String manager() {
        if (fieldManager != null && !fieldManager.isEmpty()) {
            return fieldManager;
        }
        if (userAgent == null || userAgent.isBlank()) {
            return "unknown";
        }
        String prefix = userAgent.split("/", 2)[0].trim();
        return prefix.length() > MAX_MANAGER_LENGTH ? prefix.substring(0, MAX_MANAGER_LENGTH) : prefix;
    }

    public WriteOptions asApplied() {
        return new WriteOptions(dryRun, fieldValidation, fieldManager, force, warnings, userAgent, true);
    }
}
