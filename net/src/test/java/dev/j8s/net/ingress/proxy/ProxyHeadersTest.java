package dev.j8s.net.ingress.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProxyHeadersTest {

    @Test
    void requestLosesHopByHopHeadersKeepsHostAndGainsForwardedHeaders() {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/x");
        r.headers().set("Host", "app.test:8080").set("Connection", "keep-alive, X-Secret").set("X-Secret", "1")
                .set("Keep-Alive", "timeout=5").set("Proxy-Connection", "keep-alive").set("TE", "trailers")
                .set("Upgrade", "websocket").set("X-Forwarded-For", "203.0.113.9").set("Accept", "*/*");

        ProxyHeaders.prepareRequest(r, false, false, "127.0.0.1", true, "443");

        assertThat(r.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_1);
        assertThat(r.headers().names()).doesNotContain("Connection", "X-Secret", "Keep-Alive", "Proxy-Connection", "TE",
                "Upgrade", "Transfer-Encoding");
        assertThat(r.headers().get("Host")).isEqualTo("app.test:8080");
        assertThat(r.headers().get("Accept")).isEqualTo("*/*");
        assertThat(r.headers().get("X-Forwarded-For")).isEqualTo("203.0.113.9, 127.0.0.1");
        assertThat(r.headers().get("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(r.headers().get("X-Forwarded-Host")).isEqualTo("app.test:8080");
        assertThat(r.headers().get("X-Forwarded-Port")).isEqualTo("443");
    }

    @Test
    void bodiesOfUnknownLengthGoUpstreamChunkedAndHttp2ExtensionsAreDropped() {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/upload");
        r.headers().set("x-http2-stream-id", "3").set("x-http2-scheme", "https").set("host", "a.test");
        assertThat(ProxyHeaders.hasBody(r, false, true)).isTrue();

        ProxyHeaders.prepareRequest(r, true, true, "::1", false, "80");

        assertThat(r.headers().get("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(r.headers().contains("x-http2-stream-id")).isFalse();
        assertThat(r.headers().contains("x-http2-scheme")).isFalse();
        assertThat(r.headers().get("X-Forwarded-For")).isEqualTo("::1");
        assertThat(r.headers().get("X-Forwarded-Proto")).isEqualTo("http");
    }

    static Stream<Arguments> bodies() {
        return Stream.of(
                Arguments.of("GET", null, null, true, false, false),
                Arguments.of("POST", "0", null, false, true, false),
                Arguments.of("POST", "12", null, false, false, true),
                Arguments.of("POST", null, "chunked", false, false, true),
                Arguments.of("POST", null, null, false, true, true),
                Arguments.of("POST", null, null, true, true, false));
    }

    @ParameterizedTest(name = "{0} length={1} te={2} ended={3} h2={4} -> body {5}")
    @MethodSource("bodies")
    void knowsWhenABodyFollows(String method, String length, String te, boolean ended, boolean h2, boolean body) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), "/");
        if (length != null) {
            r.headers().set("Content-Length", length);
        }
        if (te != null) {
            r.headers().set("Transfer-Encoding", te);
        }
        assertThat(ProxyHeaders.hasBody(r, ended, h2)).isEqualTo(body);
    }

    @Test
    void onlyIdempotentMethodsAreRetried() {
        assertThat(Stream.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "POST", "PATCH")
                .filter(m -> ProxyHeaders.idempotent(HttpMethod.valueOf(m))))
                .containsExactly("GET", "HEAD", "OPTIONS", "PUT", "DELETE");
    }

    @Test
    void responseFramingFitsTheClient() {
        HttpResponse chunked = response("Transfer-Encoding", "chunked");
        assertThat(ProxyHeaders.prepareResponse(chunked, HttpMethod.GET, true, HttpVersion.HTTP_1_1, false)).isFalse();
        assertThat(chunked.headers().get("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(chunked.headers().contains("Keep-Alive")).isFalse();

        HttpResponse closeDelimited = response("Connection", "close");
        assertThat(ProxyHeaders.prepareResponse(closeDelimited, HttpMethod.GET, true, HttpVersion.HTTP_1_0, false)).isTrue();
        assertThat(closeDelimited.headers().get("Connection")).isEqualTo("close");

        HttpResponse sized = response("Content-Length", "5");
        assertThat(ProxyHeaders.prepareResponse(sized, HttpMethod.GET, true, HttpVersion.HTTP_1_0, false)).isFalse();
        assertThat(sized.headers().get("Connection")).isEqualTo("keep-alive");

        HttpResponse head = response("Transfer-Encoding", "chunked");
        assertThat(ProxyHeaders.prepareResponse(head, HttpMethod.HEAD, false, HttpVersion.HTTP_1_1, false)).isTrue();
        assertThat(head.headers().contains("Transfer-Encoding")).isFalse();
        assertThat(head.headers().get("Connection")).isEqualTo("close");
    }

    private static HttpResponse response(String name, String value) {
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().set(name, value).set("Keep-Alive", "timeout=5");
        return r;
    }

    @ParameterizedTest(name = "{0} [{1}] = {2}")
    @MethodSource("cookies")
    void findsOneCookie(String header, String name, String value) {
        assertThat(CookieLookup.value(header, name)).isEqualTo(value);
    }

    static Stream<Arguments> cookies() {
        return Stream.of(Arguments.of("canary=always", "canary", "always"),
                Arguments.of("a=1; canary=never; b=2", "canary", "never"),
                Arguments.of("xcanary=always; canary=\"x\"", "canary", "x"),
                Arguments.of("a=1;canary=always", "canary", "always"),
                Arguments.of("canaryx=always", "canary", null),
                Arguments.of(null, "canary", null));
    }
}
