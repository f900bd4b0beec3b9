package dev.j8s.api.openapi;

import java.util.List;

/**
 * A path or query parameter of a REST operation, with the wording and types kube-apiserver
 * publishes. kubectl checks PATCH operations for the {@code fieldValidation} parameter by name to
 * decide that the server validates fields itself, so these are written inline, never as references.
 */
record OperationParameter(String name, String in, String type, boolean required, boolean uniqueItems, String description) {

    static OperationParameter path(String name, String description) {
        return new OperationParameter(name, "path", "string", true, true, description);
    }

    static OperationParameter query(String name, String type, String description) {
        return new OperationParameter(name, "query", type, false, true, description);
    }

    static final OperationParameter NAMESPACE = path("namespace", "object name and auth scope, such as for teams and projects");
    static final OperationParameter PRETTY = query("pretty", "string",
            "If 'true', then the output is pretty printed. Defaults to 'false' unless the user-agent indicates a "
                    + "browser or command-line HTTP tool (curl and wget).");
    static final OperationParameter DRY_RUN = query("dryRun", "string",
            "When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun "
                    + "directive will result in an error response and no further processing of the request. Valid "
                    + "values are: - All: all dry run stages will be processed");
    static final OperationParameter FIELD_MANAGER = query("fieldManager", "string",
            "fieldManager is a name associated with the actor or entity that is making these changes. The value "
                    + "must be less than or 128 characters long, and only contain printable characters, as defined by "
                    + "https://golang.org/pkg/unicode/#IsPrint.");
    static final OperationParameter FIELD_VALIDATION = query("fieldValidation", "string",
            "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) "
                    + "containing unknown or duplicate fields. Valid values are: - Ignore: unknown fields are dropped "
                    + "silently. - Warn: each unknown or duplicate field produces a warning. - Strict: the request "
                    + "fails with a BadRequest error on any unknown or duplicate field.");
    static final OperationParameter FORCE = query("force", "boolean",
            "Force is going to \"force\" Apply requests. It means user will re-acquire conflicting fields owned by "
                    + "other people. Force flag must be unset for non-apply patch requests.");
    static final List<OperationParameter> WRITE = List.of(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION);
    static final List<OperationParameter> PATCH = List.of(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE);
    static final List<OperationParameter> DELETE = List.of(
            DRY_RUN,
            query("gracePeriodSeconds", "integer", "The duration in seconds before the object should be deleted. "
                    + "Zero means delete immediately. If unset, the default grace period for the type is used."),
            query("ignoreStoreReadErrorWithClusterBreakingPotential", "boolean", "if set to true, it will trigger "
                    + "an unsafe deletion of the resource in case the normal deletion flow fails with a corrupt "
                    + "object error."),
            query("orphanDependents", "boolean", "Deprecated: please use the PropagationPolicy, this field will "
                    + "be deprecated in 1.7. Should the dependent objects be orphaned."),
            query("propagationPolicy", "string", "Whether and how garbage collection will be performed. "
                    + "Acceptable values are: 'Orphan', 'Background' and 'Foreground'."));
    static final List<OperationParameter> LIST = List.of(
            query("allowWatchBookmarks", "boolean", "allowWatchBookmarks requests watch events with type "
                    + "\"BOOKMARK\". Servers that do not implement bookmarks may ignore this flag."),
            query("continue", "string", "The continue option should be set when retrieving more results from the "
                    + "server. Its value is the token a previous list call returned."),
            query("fieldSelector", "string", "A selector to restrict the list of returned objects by their fields. "
                    + "Defaults to everything."),
            query("labelSelector", "string", "A selector to restrict the list of returned objects by their labels. "
                    + "Defaults to everything."),
            query("limit", "integer", "limit is a maximum number of responses to return for a list call."),
            query("resourceVersion", "string", "resourceVersion sets a constraint on what resource versions a "
                    + "request may be served from. Defaults to unset."),
            query("resourceVersionMatch", "string", "resourceVersionMatch determines how resourceVersion is "
                    + "applied to list calls."),
            query("sendInitialEvents", "boolean", "`sendInitialEvents=true` may be set together with `watch=true`: "
                    + "the watch stream then begins with synthetic events for the current state of all objects."),
            query("timeoutSeconds", "integer", "Timeout for the list/watch call. This limits the duration of the "
                    + "call, regardless of any activity or inactivity."),
            query("watch", "boolean", "Watch for changes to the described resources and return them as a stream "
                    + "of add, update, and remove notifications. Specify resourceVersion."));
    static final List<OperationParameter> LOG = List.of(
            query("container", "string", "The container for which to stream logs. Defaults to only container if "
                    + "there is one container in the pod."),
            query("follow", "boolean", "Follow the log stream of the pod. Defaults to false."),
            query("insecureSkipTLSVerifyBackend", "boolean", "insecureSkipTLSVerifyBackend indicates that the "
                    + "apiserver should not confirm the validity of the serving certificate of the backend."),
            query("limitBytes", "integer", "If set, the number of bytes to read from the server before "
                    + "terminating the log output."),
            query("previous", "boolean", "Return previous terminated container logs. Defaults to false."),
            query("sinceSeconds", "integer", "A relative time in seconds before the current time from which to "
                    + "show logs."),
            query("stream", "string", "Specify which container log stream to return to the client. Acceptable "
                    + "values are \"All\", \"Stdout\" and \"Stderr\". Defaults to \"All\"."),
            query("tailLines", "integer", "If set, the number of lines from the end of the logs to show."),
            query("timestamps", "boolean", "If true, add an RFC3339 or RFC3339Nano timestamp at the beginning of "
                    + "every line of log output. Defaults to false."));
}
