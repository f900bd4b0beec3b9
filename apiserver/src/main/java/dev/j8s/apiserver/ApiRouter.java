package dev.j8s.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import dev.j8s.api.openapi.OpenApiService;
import dev.j8s.apiserver.discovery.DiscoveryDocuments;
import dev.j8s.apiserver.http.ApiRequest;
import dev.j8s.apiserver.http.ApiResponse;
import dev.j8s.apiserver.http.RequestHandler;
import dev.j8s.apiserver.http.Responder;
import dev.j8s.apiserver.http.StatusResponses;
import dev.j8s.apiserver.rest.ResourceHandler;
import dev.j8s.apiserver.rest.ResourcePath;
import dev.j8s.apiserver.serviceaccount.OidcDiscovery;
import dev.j8s.apiserver.serviceaccount.TokenAuthenticator;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes every request: health and version (open to anonymous clients, as Kubernetes'
 * system:public-info-viewer role allows), then authentication, discovery, OpenAPI and resources.
 */
public final class ApiRouter implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiRouter.class);
    private static final String NODE_PROXY_PREFIX = "/api/v1/nodes/";
    private static final Set<String> PUBLIC_PATHS = Set.of("/healthz", "/livez", "/readyz", "/version");

    private final DiscoveryDocuments discovery;
    private final OpenApiService openApi;
    private final ResourceHandler resources;
    private final ServerMetrics metrics;
    private final BooleanSupplier ready;
    private final TokenAuthenticator tokens;
    private final OidcDiscovery oidc;

    public ApiRouter(DiscoveryDocuments discovery, OpenApiService openApi, ResourceHandler resources,
                     ServerMetrics metrics, BooleanSupplier ready, TokenAuthenticator tokens, OidcDiscovery oidc) {
        this.discovery = discovery;
        this.tokens = tokens;
        this.oidc = oidc;
        this.openApi = openApi;
        this.resources = resources;
        this.metrics = metrics;
        this.ready = ready;
    }

    @Override
    public void handle(ApiRequest request, Responder responder) {
        long start = System.nanoTime();
        String verb = request.method();
        int[] code = {0};
        Responder counting = new Responder() {
            @Override
            public void send(ApiResponse response) {
                code[0] = response.status();
                responder.send(response);
            }

            @Override
            public ResponseStream stream(int status, String contentType) {
                code[0] = status;
                return responder.stream(status, contentType);
            }

            @Override
            public io.netty.channel.Channel channel() {
                return responder.channel();
            }
        };
        try {
            route(request, counting);
        } catch (ApiException e) {
            counting.send(StatusResponses.response(e));
        } catch (RuntimeException e) {
            log.error("request {} {} failed", request.method(), request.path(), e);
            counting.send(StatusResponses.response(ApiException.internal(e.getClass().getSimpleName())));
        } finally {
            metrics.observe(verb, code[0], System.nanoTime() - start);
        }
    }

    private void route(ApiRequest request, Responder responder) {
        String path = request.path();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (PUBLIC_PATHS.contains(path) || path.startsWith("/livez/") || path.startsWith("/readyz/")
                || path.startsWith("/healthz/")) {
            responder.send(system(path));
            return;
        }
        if (request.user() == null) {
            request = authenticateToken(request);
        }
        if (path.equals("/metrics")) {
            responder.send(new ApiResponse(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape(),
                    java.util.Map.of()));
            return;
        }
        if (!request.method().equals("GET") && !isResourcePath(path)) {
            throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        switch (path) {
            case "/api" -> {
                responder.send(aggregatedOr(request, discovery.aggregated(true), discovery.apiVersions()));
                return;
            }
            case "/apis" -> {
                responder.send(aggregatedOr(request, discovery.aggregated(false), discovery.apiGroupList()));
                return;
            }
            case "/openapi/v2" -> {
                responder.send(new ApiResponse(200, "application/json", openApi.v2Document(), java.util.Map.of()));
                return;
            }
            case "/openapi/v3" -> {
                responder.send(ApiResponse.json(200, Json.bytes(openApi.v3Index())));
                return;
            }
            case OidcDiscovery.CONFIGURATION_PATH -> {
                responder.send(ApiResponse.json(200, Json.bytes(oidc.configuration())));
                return;
            }
            case OidcDiscovery.JWKS_PATH -> {
                responder.send(new ApiResponse(200, OidcDiscovery.JWKS_CONTENT_TYPE, Json.bytes(oidc.keys()),
                        java.util.Map.of()));
                return;
            }
            default -> { }
        }
        if (path.startsWith("/openapi/v3/")) {
            String doc = path.substring("/openapi/v3/".length());
            byte[] body = openApi.v3Document(doc)
                    .orElseThrow(() -> ApiException.notFoundPath("the server could not find the requested resource"));
            ApiResponse response = new ApiResponse(200, "application/json", body, java.util.Map.of());
            Optional<String> hash = openApi.v3Hash(doc);
            if (hash.isPresent()) {
                response = response.withHeader("ETag", "\"" + hash.get() + "\"");
                if (hash.get().equals(request.param("hash"))) {
                    response = response.withHeader("Cache-Control", "public, immutable");
                }
            }
            responder.send(response);
            return;
        }
        Optional<ObjectNode> groupDoc = discoveryDocument(path);
        if (groupDoc.isPresent()) {
            responder.send(ApiResponse.json(200, Json.bytes(groupDoc.get())));
            return;
        }
        if (path.startsWith(NODE_PROXY_PREFIX)) {
            // nodes/{name}/proxy/{path...}: the rest of the path belongs to the node, so it is no resource path.
            String[] parts = path.substring(NODE_PROXY_PREFIX.length()).split("/", 3);
            if (parts.length >= 2 && parts[1].equals("proxy")) {
                resources.nodeProxy().serveNode(parts[0], parts.length == 3 ? parts[2] : "", request, responder);
                return;
            }
        }
        ResourcePath resource = ResourcePath.parse(path);
        if (resource == null) {
            throw ApiException.notFoundPath("the server could not find the requested resource");
        }
        resources.handle(resource, request, responder);
    }

    /**
     * Bearer-token authentication of a request that brought no client certificate: a service-account token
     * (bound or legacy) names its user; anything else, or nothing, is 401 Unauthorized.
     */
    private ApiRequest authenticateToken(ApiRequest request) {
        String token = request.bearerToken();
        if (token == null) {
            throw ApiException.unauthorized();
        }
        TokenAuthenticator.Identity who = tokens.authenticate(token).orElseThrow(ApiException::unauthorized);
        return request.authenticatedAs(who.user(), who.groups(), who.uid(), who.extra());
    }

    private Optional<ObjectNode> discoveryDocument(String path) {
        String[] parts = path.substring(1).split("/");
        if (parts.length == 2 && parts[0].equals("api")) {
            return discovery.apiResourceList("", parts[1]);
        }
        if (parts.length == 2 && parts[0].equals("apis")) {
            return discovery.apiGroup(parts[1]);
        }
        if (parts.length == 3 && parts[0].equals("apis")) {
            return discovery.apiResourceList(parts[1], parts[2]);
        }
        return Optional.empty();
    }

    private static boolean isResourcePath(String path) {
        return path.startsWith("/api/") || path.startsWith("/apis/");
    }

    private static ApiResponse aggregatedOr(ApiRequest request, ObjectNode aggregated, ObjectNode legacy) {
        String accept = request.accept().replace(" ", "");
        if (accept.contains("as=APIGroupDiscoveryList") && accept.contains("v=v2")) {
            return new ApiResponse(200, DiscoveryDocuments.AGGREGATED_CONTENT_TYPE, Json.bytes(aggregated),
                    java.util.Map.of("Vary", "Accept"));
        }
        return ApiResponse.json(200, Json.bytes(legacy)).withHeader("Vary", "Accept");
    }

    private ApiResponse system(String path) {
        if (path.equals("/version")) {
            return ApiResponse.json(200, Json.bytes(Version.document()));
        }
        if (path.startsWith("/readyz") && !ready.getAsBoolean()) {
            return ApiResponse.text(500, "[-]store not ready\nreadyz check failed");
        }
        return ApiResponse.text(200, "ok");
    }
}
