package dev.j8s.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.j8s.client.transport.StreamingResponse;
import io.fabric8.kubernetes.api.model.Status;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The events of one open watch, read one line at a time by the caller's thread. Each line is decoded
 * once, straight into the model type (the server writes "type" before "object", so the target class
 * is known when the object starts). Closing it ends the request.
 */
public final class WatchStream<T> implements AutoCloseable {

    private static final int MAX_LINE = 64 << 20;

    private final StreamingResponse response;
    private final InputStream in;
    private final ObjectMapper mapper;
    private final JavaType objectType;
    private final byte[] chunk = new byte[16 << 10];
    private int chunkStart;
    private int chunkEnd;
    private byte[] line = new byte[16 << 10];
    private volatile boolean closed;

    WatchStream(StreamingResponse response, ObjectMapper mapper, JavaType objectType) {
        this.response = response;
        this.in = response.body();
        this.mapper = mapper;
        this.objectType = objectType;
    }

    /** The next event, or null when the server ended the watch (timeout, shutdown) or it was closed. */
    public WatchEvent<T> next() throws IOException {
        while (true) {
            int length = readLine();
            if (length < 0) {
                return null;
            }
            if (length > 0) {
                return decode(line, length);
            }
        }
    }

    private int readLine() throws IOException {
        int length = 0;
        while (true) {
            if (chunkStart == chunkEnd) {
                if (closed) {
                    return -1;
                }
                int n = in.read(chunk);
                if (n < 0) {
                    // A last event without its newline still counts.
                    return length > 0 ? length : -1;
                }
                chunkStart = 0;
                chunkEnd = n;
            }
            int i = chunkStart;
            while (i < chunkEnd && chunk[i] != '\n') {
                i++;
            }
            length = append(length, i - chunkStart);
            boolean endOfLine = i < chunkEnd;
            chunkStart = endOfLine ? i + 1 : i;
            if (endOfLine) {
                return length;
            }
        }
    }

    private int append(int length, int count) throws IOException {
        if (length + count > line.length) {
            if (length + count > MAX_LINE) {
                throw new IOException("watch event larger than " + MAX_LINE + " bytes");
            }
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(chunk, chunkStart, line, length, count);
        return length + count;
    }

    @SuppressWarnings("unchecked")
    private WatchEvent<T> decode(byte[] bytes, int length) throws IOException {
        WatchEvent.Type type = null;
        Object object = null;
        JsonNode deferred = null;
        try (JsonParser p = mapper.createParser(bytes, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("watch event is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if ("type".equals(field)) {
                    type = WatchEvent.Type.valueOf(p.getText());
                } else if ("object".equals(field)) {
                    if (type == null) {
                        deferred = mapper.readTree(p);
                    } else {
                        object = mapper.readValue(p, targetOf(type));
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IOException("unknown watch event type", e);
        }
        if (type == null) {
            throw new IOException("watch event without a type");
        }
        if (deferred != null) {
            object = mapper.convertValue(deferred, targetOf(type));
        }
        return type == WatchEvent.Type.ERROR
                ? new WatchEvent<>(type, null, (Status) object)
                : new WatchEvent<>(type, (T) object, null);
    }

    private JavaType targetOf(WatchEvent.Type type) {
        return type == WatchEvent.Type.ERROR ? mapper.constructType(Status.class) : objectType;
    }

    @Override
    public void close() {
        closed = true;
        try {
            response.close();
        } catch (IOException ignored) {
            // The connection is being torn down; nothing is left to read from it.
        }
    }
}
