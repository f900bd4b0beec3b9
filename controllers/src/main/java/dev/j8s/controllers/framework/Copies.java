package dev.j8s.controllers.framework;

import dev.j8s.client.ClientJson;

/**
 * Deep copies of API objects. Objects from an informer cache are shared and must never be
 * changed: copy, then change.
 */
public final class Copies {

    private Copies() {}

    @SuppressWarnings("unchecked")
    public static <T> T deepCopy(T object) {
        return (T) ClientJson.MAPPER.convertValue(ClientJson.MAPPER.valueToTree(object), object.getClass());
    }
}
