package dev.j8s.net.proxy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Real HTTP upstreams on 127.0.0.x that answer with their own name, and a plain HTTP/1.0 client. */
public final class Upstreams implements AutoCloseable {

    private final List<HttpServer> servers = new ArrayList<>();

    /** Starts a server on {@code address}:{@code port}, answering {@code name}. */
    public Backend start(String address, int port, String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 50);
        server.createContext("/", exchange -> {
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        servers.add(server);
        return new Backend(address, server.getAddress().getPort());
    }

    /**
     * One request on a new connection (no keep-alive: every request is a new balancing decision);
     * returns the body, throws when the connection is refused or reset.
     */
    public static String get(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET / HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int body = response.indexOf("\r\n\r\n");
            if (!response.startsWith("HTTP/1.") || body < 0) {
                throw new IOException("no HTTP response from " + host + ":" + port + ": '" + response + "'");
            }
            return response.substring(body + 4);
        }
    }

    /** A port in the NodePort range (30000-32767) that is free on 127.0.0.1 now. */
    public static int freeNodePort() throws IOException {
        for (int port = 30000 + (int) (ProcessHandle.current().pid() % 2000); port < 32767; port += 7) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException taken) {
                // try the next one
            }
        }
        throw new IOException("no free port in the NodePort range");
    }

    public static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
    }
}
