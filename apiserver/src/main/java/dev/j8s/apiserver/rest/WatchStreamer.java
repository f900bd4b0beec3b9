package dev.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceType;
import dev.j8s.apiserver.http.Responder;
import dev.j8s.apiserver.http.StatusResponses;
import dev.j8s.store.CompactedException;
import dev.j8s.store.Watch;
import dev.j8s.store.WatchEvent;
import dev.j8s.store.WatchListener;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * WATCH: newline-delimited {@code {"type":…,"object":…}} events over a chunked response.
 * Without a resourceVersion (or "0") the current objects come first as ADDED events. Selector
 * filtering turns a change that leaves (enters) the selection into DELETED (ADDED), as the
 * Kubernetes watch cache does. An expired resourceVersion is an ERROR event carrying a 410 Status.
 */
public final class WatchStreamer {

    /** Options of one watch request. */
    public record Options(String resourceVersion, long timeoutSeconds, boolean bookmarks,
                          Function<ObjectNode, ObjectNode> encoder) {
        /** True when objects are sent as they are (JSON, no Table): then every such watch sends the same bytes. */
        boolean plain() {
            return encoder == ResponseEncoder.IDENTITY;
        }
    }

    private final ObjectStore objects;
    private final ObjectLister lister;
    private final ScheduledExecutorService timers;
    private final long bookmarkIntervalSeconds;

    public WatchStreamer(ObjectStore objects, ObjectLister lister, ScheduledExecutorService timers,
                         long bookmarkIntervalSeconds) {
        this.objects = objects;
        this.lister = lister;
        this.timers = timers;
        this.bookmarkIntervalSeconds = bookmarkIntervalSeconds;
    }

    public void watch(ResourceType type, String namespace, ObjectFilter filter, Options options,
                      Responder responder, String contentType) {
        long from = parseVersion(options.resourceVersion());
        Responder.ResponseStream stream = responder.stream(200, contentType);
        long start = from;
        if (from == 0) {
            ObjectLister.Page page = lister.list(type, namespace, filter, 0, null);
            start = Long.parseLong(page.listMeta().get("resourceVersion").asText());
            for (ObjectNode item : page.items()) {
                send(stream, "ADDED", options.encoder().apply(item));
            }
        }
        String prefix = ObjectStore.listPrefix(type, namespace);
        Watch watch;
        try {
            watch = objects.raw().watch(prefix, start, new Forwarder(type, stream, filter, options));
        } catch (CompactedException e) {
            ApiException gone = ApiException.gone("too old resource version: " + from + " ("
                    + objects.raw().compactedRevision() + ")");
            send(stream, "ERROR", StatusResponses.status(gone));
            stream.end();
            return;
        }
        ScheduledFuture<?> timeout = options.timeoutSeconds() > 0
                ? timers.schedule(stream::end, options.timeoutSeconds(), TimeUnit.SECONDS) : null;
        ScheduledFuture<?> bookmarks = options.bookmarks()
                ? timers.scheduleAtFixedRate(() -> bookmark(stream, type, options),
                        bookmarkIntervalSeconds, bookmarkIntervalSeconds, TimeUnit.SECONDS) : null;
        stream.onClose(() -> {
            watch.close();
            if (timeout != null) {
                timeout.cancel(false);
            }
            if (bookmarks != null) {
                bookmarks.cancel(false);
            }
        });
    }

    private void bookmark(Responder.ResponseStream stream, ResourceType type, Options options) {
        ObjectNode object = Json.object();
        object.put("kind", type.kind());
        object.put("apiVersion", type.apiVersion());
        object.putObject("metadata").put("resourceVersion", Long.toString(objects.raw().currentRevision()));
        send(stream, "BOOKMARK", object);
    }

    private static long parseVersion(String rv) {
        if (rv == null || rv.isEmpty()) {
            return 0;
        }
        try {
            long v = Long.parseLong(rv);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("resourceVersion: Invalid value: \"" + rv + "\": must be a number");
        }
    }

    static void send(Responder.ResponseStream stream, String type, ObjectNode object) {
        write(stream, line(type, object));
    }

    private static void write(Responder.ResponseStream stream, byte[] line) {
        synchronized (stream) {
            stream.write(line);
        }
    }

    /** One watch event as the newline-terminated JSON line it is sent as. */
    private static byte[] line(String type, ObjectNode object) {
        ObjectNode event = Json.object();
        event.put("type", type);
        event.set("object", object);
        byte[] json = Json.bytes(event);
        byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return line;
    }

    /** Memo keys: what every watch of one type derives alike from a store event. */
    private record Decoded(ResourceType type, boolean previous) {}

    private record Line(ResourceType type, String change) {}

    private static final class Forwarder implements WatchListener {
        private final ResourceType type;
        private final Responder.ResponseStream stream;
        private final ObjectFilter filter;
        private final Options options;

        Forwarder(ResourceType type, Responder.ResponseStream stream, ObjectFilter filter, Options options) {
            this.type = type;
            this.stream = stream;
            this.filter = filter;
            this.options = options;
        }

        @Override
        public void onEvent(WatchEvent event) {
            if (!stream.isOpen()) {
                return;
            }
            // Decoded once per event for all watches of this type (read-only from here on); the previous
            // state only matters to a watch with selectors.
            ObjectNode current = event.memo(new Decoded(type, false), () -> ObjectStore.decode(type, event.kv()));
            boolean nowMatches;
            boolean matched;
            if (filter.isEmpty()) {
                nowMatches = true;
                matched = event.prevKv() != null;
            } else {
                ObjectNode previous = event.prevKv() == null ? null
                        : event.memo(new Decoded(type, true), () -> ObjectStore.decode(type, event.prevKv()));
                nowMatches = filter.matches(current);
                matched = previous != null && filter.matches(previous);
            }
            String change;
            if (event.type() == WatchEvent.Type.DELETE) {
                if (!nowMatches && !matched) {
                    return;
                }
                change = "DELETED";
            } else if (event.isCreate()) {
                if (!nowMatches) {
                    return;
                }
                change = "ADDED";
            } else if (nowMatches) {
                change = matched ? "MODIFIED" : "ADDED";
            } else if (matched) {
                change = "DELETED";
            } else {
                return;
            }
            if (options.plain()) {
                // Plain JSON watches of a type send the same line for the same change: encoded once.
                String sent = change;
                write(stream, event.memo(new Line(type, sent), () -> line(sent, current)));
            } else {
                send(stream, change, options.encoder().apply(current));
            }
        }

        @Override
        public void onClose(Throwable cause) {
            stream.end();
        }
    }
}
