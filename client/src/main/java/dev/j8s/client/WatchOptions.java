package dev.j8s.client;

/**
 * Query of a watch request: the events after {@code resourceVersion} (empty: the current objects as
 * ADDED first), BOOKMARK events when allowed, and a server-side end after {@code timeoutSeconds}.
 */
public record WatchOptions(String labelSelector, String fieldSelector, String resourceVersion,
                           boolean allowWatchBookmarks, long timeoutSeconds) {

    public static WatchOptions from(String resourceVersion) {
        return new WatchOptions(null, null, resourceVersion, false, 0);
    }

    public WatchOptions withBookmarks(boolean allow) {
        return new WatchOptions(labelSelector, fieldSelector, resourceVersion, allow, timeoutSeconds);
    }

    public WatchOptions withTimeoutSeconds(long seconds) {
        return new WatchOptions(labelSelector, fieldSelector, resourceVersion, allowWatchBookmarks, seconds);
    }

    public WatchOptions withSelectors(String labels, String fields) {
        return new WatchOptions(labels, fields, resourceVersion, allowWatchBookmarks, timeoutSeconds);
    }

    String query() {
        return new QueryString()
                .add("watch", "true")
                .add("labelSelector", labelSelector)
                .add("fieldSelector", fieldSelector)
                .add("resourceVersion", resourceVersion)
                .add("allowWatchBookmarks", allowWatchBookmarks ? "true" : null)
                .add("timeoutSeconds", timeoutSeconds > 0 ? Long.toString(timeoutSeconds) : null)
                .toString();
    }
}
