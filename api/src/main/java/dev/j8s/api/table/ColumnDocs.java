package dev.j8s.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Column descriptions. Kubernetes fills most of them from the API field documentation
 * (e.g. {@code metav1.ObjectMeta{}.SwaggerDoc()["name"]}); the texts of the fields the printers use are
 * kept in {@code column-docs.json}, keyed "group/version.Type.field" of the Kubernetes 1.32 API package
 * the printer refers to.
 */
final class ColumnDocs {

    private static final JsonNode DOCS = load();

    private ColumnDocs() {}

    static String of(String key) {
        JsonNode text = DOCS.get(key);
        if (text == null) {
            throw new IllegalArgumentException("no column description for " + key);
        }
        return text.asText();
    }

    private static JsonNode load() {
        try (InputStream in = ColumnDocs.class.getResourceAsStream("column-docs.json")) {
            if (in == null) {
                throw new IllegalStateException("column-docs.json missing from the classpath");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
