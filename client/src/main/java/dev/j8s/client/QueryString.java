package dev.j8s.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds "?a=1&b=x%3Dy" from the parameters that are set. */
final class QueryString {

    private final StringBuilder query = new StringBuilder();

    QueryString add(String name, String value) {
        if (value != null && !value.isEmpty()) {
            query.append(query.isEmpty() ? '?' : '&').append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return this;
    }

    @Override
    public String toString() {
        return query.toString();
    }
}
