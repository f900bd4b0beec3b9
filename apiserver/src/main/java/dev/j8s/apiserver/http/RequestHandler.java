package dev.j8s.apiserver.http;

/** Handles one API request; runs on a worker thread, never on a Netty event loop. */
@FunctionalInterface
public interface RequestHandler {
    void handle(ApiRequest request, Responder responder);
}
