package dev.j8s.client;

/**
 * Query of a list request. {@code resourceVersion} "0" lets the server answer from any recent
 * state; empty asks for the latest. {@code limit} 0 means no paging.
 */
public record ListOptions(String labelSelector, String fieldSelector, long limit, String continueToken,
                          String resourceVersion) {

    public static final ListOptions ALL = new ListOptions(null, null, 0, null, null);

    public ListOptions withLabelSelector(String selector) {
        return new ListOptions(selector, fieldSelector, limit, continueToken, resourceVersion);
    }

    public ListOptions withFieldSelector(String selector) {
        return new ListOptions(labelSelector, selector, limit, continueToken, resourceVersion);
    }

    public ListOptions withPage(long pageLimit, String pageContinue) {
        return new ListOptions(labelSelector, fieldSelector, pageLimit, pageContinue, resourceVersion);
    }

    public ListOptions withResourceVersion(String version) {
        return new ListOptions(labelSelector, fieldSelector, limit, continueToken, version);
    }

    String query() {
        return new QueryString()
                .add("labelSelector", labelSelector)
                .add("fieldSelector", fieldSelector)
                .add("limit", limit > 0 ? Long.toString(limit) : null)
                .add("continue", continueToken)
                .add("resourceVersion", resourceVersion)
                .toString();
    }
}
