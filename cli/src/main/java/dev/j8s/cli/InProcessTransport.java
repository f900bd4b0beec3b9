package dev.j8s.cli;

import dev.j8s.apiserver.http.ApiRequest;
import dev.j8s.apiserver.http.ApiResponse;
import dev.j8s.apiserver.http.RequestHandler;
import dev.j8s.apiserver.http.Responder;
import dev.j8s.client.transport.StreamingResponse;
import dev.j8s.client.transport.Transport;
import dev.j8s.client.transport.TransportRequest;
import dev.j8s.client.transport.TransportResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The client transport of components running in the API server's JVM (controllers, scheduler, the
 * local node): requests go straight to the server's request handler, without TLS, HTTP or sockets,
 * but through the same routing, admission and storage as remote clients. Requests are authenticated
 * as the given user in system:masters.
 */
final class InProcessTransport implements Transport {

    private static final byte[] END = new byte[0];
    private static final long TIMEOUT_SECONDS = 60;

    private final RequestHandler handler;
    private final String user;
    private final String userAgent;

    InProcessTransport(RequestHandler handler, String user, String userAgent) {
        this.handler = handler;
        this.user = user;
        this.userAgent = userAgent;
    }

    @Override
    public TransportResponse send(TransportRequest request) throws IOException {
        CompletableFuture<ApiResponse> answer = new CompletableFuture<>();
        handler.handle(toApiRequest(request), new Responder() {
            @Override
            public void send(ApiResponse response) {
                answer.complete(response);
            }

            @Override
            public ResponseStream stream(int status, String contentType) {
                throw new IllegalStateException("a streamed answer to a plain request: " + request.pathAndQuery());
            }
        });
        try {
            ApiResponse r = answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new TransportResponse(r.status(), headers(r.contentType(), r.headers()), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for " + request.pathAndQuery());
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("no answer to " + request.method() + " " + request.pathAndQuery(), e);
        }
    }

    @Override
    public StreamingResponse stream(TransportRequest request) throws IOException {
        CompletableFuture<StreamingResponse> opened = new CompletableFuture<>();
        ApiRequest apiRequest = toApiRequest(request);
        Thread.ofVirtual().name("j8s-inprocess-stream").start(() -> handler.handle(apiRequest, new Responder() {
            @Override
            public void send(ApiResponse response) {
                opened.complete(new StreamingResponse(response.status(),
                        headers(response.contentType(), response.headers()),
                        new java.io.ByteArrayInputStream(response.body())));
            }

            @Override
            public ResponseStream stream(int status, String contentType) {
                ChunkPipe pipe = new ChunkPipe();
                opened.complete(new StreamingResponse(status, headers(contentType, Map.of()), pipe));
                return pipe;
            }
        }));
        try {
            return opened.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted opening " + request.pathAndQuery());
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("no answer to " + request.method() + " " + request.pathAndQuery(), e);
        }
    }

    private ApiRequest toApiRequest(TransportRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.pathAndQuery());
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set("Accept", "application/json");
        headers.set("User-Agent", userAgent);
        if (request.contentType() != null) {
            headers.set("Content-Type", request.contentType());
        }
        return new ApiRequest(request.method(), uri.path(), uri.parameters(), headers, request.body(), user,
                List.of("system:masters", "system:authenticated"));
    }

    private static Map<String, List<String>> headers(String contentType, Map<String, String> extra) {
        Map<String, List<String>> headers = new java.util.HashMap<>();
        if (contentType != null) {
            headers.put("content-type", List.of(contentType));
        }
        extra.forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), List.of(v)));
        return headers;
    }

    /**
     * A streamed response body handed from the server's writer to the client's reader: chunks queue
     * up (a watch writes one event per chunk) and closing either end tells the other.
     */
    private static final class ChunkPipe extends InputStream implements Responder.ResponseStream {

        private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        private final AtomicBoolean open = new AtomicBoolean(true);
        private final List<Runnable> onClose = new java.util.concurrent.CopyOnWriteArrayList<>();
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        @Override
        public boolean write(byte[] chunk) {
            if (!open.get()) {
                return false;
            }
            chunks.add(chunk.clone());
            return true;
        }

        @Override
        public void end() {
            if (open.get()) {
                chunks.add(END);
            }
            closeOnce();
        }

        @Override
        public void onClose(Runnable action) {
            onClose.add(action);
            if (!open.get()) {
                action.run();
            }
        }

        @Override
        public boolean isOpen() {
            return open.get();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (position >= current.length) {
                if (ended) {
                    return -1;
                }
                try {
                    byte[] next = chunks.take();
                    if (next == END) {
                        ended = true;
                        return -1;
                    }
                    current = next;
                    position = 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted reading a stream");
                }
            }
            int n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            return n;
        }

        /** The reader closing the body is the client going away: the server stops writing. */
        @Override
        public void close() {
            if (open.get()) {
                chunks.add(END);
            }
            closeOnce();
        }

        private void closeOnce() {
            if (open.compareAndSet(true, false)) {
                onClose.forEach(Runnable::run);
            }
        }
    }
}
