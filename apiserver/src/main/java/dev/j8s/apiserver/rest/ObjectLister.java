package dev.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceType;
import dev.j8s.store.KeyValue;
import dev.j8s.store.ListResult;
import java.util.ArrayList;
import java.util.List;

/**
 * LIST with selectors and paging. A page holds up to {@code limit} matching objects; the
 * {@code continue} token resumes after the last key scanned. {@code remainingItemCount} is only
 * known (and only set) when no selector filters the list, as in Kubernetes.
 */
public final class ObjectLister {

    private static final int SCAN_PAGE = 500;

    /** A list's items and its metadata (resourceVersion, continue, remainingItemCount). */
    public record Page(List<ObjectNode> items, ObjectNode listMeta) {}

    private final ObjectStore objects;

    public ObjectLister(ObjectStore objects) {
        this.objects = objects;
    }

    public Page list(ResourceType type, String namespace, ObjectFilter filter, int limit, String continueToken) {
        String prefix = ObjectStore.listPrefix(type, namespace);
        String startAfter = null;
        if (continueToken != null && !continueToken.isEmpty()) {
            ContinueToken token = ContinueToken.decode(continueToken);
            if (token.revision() <= objects.raw().compactedRevision()) {
                throw ApiException.gone("The provided continue parameter is too old to display a consistent list "
                        + "result. You can start a new list without the continue parameter.");
            }
            if (!token.startAfter().startsWith(prefix)) {
                throw ApiException.badRequest("continue key is not valid: it belongs to another list");
            }
            startAfter = token.startAfter();
        }
        List<ObjectNode> items = new ArrayList<>();
        long revision = 0;
        String lastKey = null;
        long remaining = 0;
        boolean more = false;
        while (true) {
            int want = limit > 0 ? Math.min(SCAN_PAGE, Math.max(limit - items.size(), 1)) : SCAN_PAGE;
            if (filter.isEmpty() && limit > 0) {
                want = limit - items.size();
            }
            ListResult result = objects.list(prefix, startAfter, want);
            if (revision == 0) {
                revision = result.revision();
            }
            for (KeyValue kv : result.items()) {
                lastKey = kv.key();
                startAfter = kv.key();
                ObjectNode object = ObjectStore.decode(type, kv);
                if (filter.matches(object)) {
                    items.add(object);
                }
                if (limit > 0 && items.size() >= limit) {
                    break;
                }
            }
            boolean pageFull = limit > 0 && items.size() >= limit;
            boolean scannedAll = lastKey == null || lastKey.equals(last(result));
            if (pageFull) {
                more = result.hasMore() || !scannedAll;
                remaining = result.remaining() + (scannedAll ? 0 : countAfter(result, lastKey));
                break;
            }
            if (!result.hasMore()) {
                break;
            }
        }
        ObjectNode listMeta = Json.object();
        listMeta.put("resourceVersion", Long.toString(revision == 0 ? objects.raw().currentRevision() : revision));
        if (more) {
            listMeta.put("continue", new ContinueToken(revision, lastKey).encode());
            if (filter.isEmpty()) {
                listMeta.put("remainingItemCount", remaining);
            }
        }
        return new Page(items, listMeta);
    }

    public static ObjectNode toList(ResourceType type, Page page) {
        ObjectNode list = Json.object();
        list.put("kind", type.listKind());
        list.put("apiVersion", type.apiVersion());
        list.set("metadata", page.listMeta());
        ArrayNode items = list.putArray("items");
        page.items().forEach(items::add);
        return list;
    }

    private static String last(ListResult result) {
        return result.items().isEmpty() ? null : result.items().get(result.items().size() - 1).key();
    }

    private static long countAfter(ListResult result, String key) {
        long n = 0;
        boolean after = false;
        for (KeyValue kv : result.items()) {
            if (after) {
                n++;
            }
            if (kv.key().equals(key)) {
                after = true;
            }
        }
        return n;
    }
}
