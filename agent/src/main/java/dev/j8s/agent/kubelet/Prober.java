package dev.j8s.agent.kubelet;

import dev.j8s.agent.runtime.ContainerRuntime;
import dev.j8s.agent.runtime.ExecResult;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Runs one check of a probe or hook handler (pkg/kubelet/prober): exec succeeds on exit 0, httpGet on
 * a status from 200 to 399, tcpSocket when the connection opens. Network checks go to the probe's
 * host, or to the pod's address; for the process runtime that is 127.0.0.1, where its processes listen.
 */
public final class Prober {

    private final ContainerRuntime runtime;
    private final String defaultHost;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(1)).build();

    public Prober(ContainerRuntime runtime, String defaultHost) {
        this.runtime = runtime;
        this.defaultHost = defaultHost;
    }

    /** One check of the probe against a container; a message explains a failure. */
    public Result check(Probe probe, Container container, String containerId) {
        return check(probe, container, containerId, null);
    }

    /** As above, with HTTP and TCP checks going to {@code podIp} (a pod with its own network) when not null. */
    public Result check(Probe probe, Container container, String containerId, String podIp) {
        Duration timeout = Duration.ofSeconds(probe.getTimeoutSeconds() == null ? 1 : Math.max(1, probe.getTimeoutSeconds()));
        if (probe.getExec() != null) {
            return exec(containerId, probe.getExec().getCommand(), timeout);
        }
        if (probe.getHttpGet() != null) {
            return httpGet(probe.getHttpGet(), container, timeout, podIp);
        }
        if (probe.getTcpSocket() != null) {
            return tcp(probe.getTcpSocket(), container, timeout, podIp);
        }
        return new Result(true, "");
    }

    public record Result(boolean success, String message) {}

    Result exec(String containerId, List<String> command, Duration timeout) {
        ExecResult r = runtime.execSync(containerId, command, timeout);
        if (r.timedOut()) {
            return new Result(false, "command timed out after " + timeout.toSeconds() + "s");
        }
        if (r.exitCode() == 0) {
            return new Result(true, "");
        }
        String output = (r.stdout() + r.stderr()).strip();
        return new Result(false, output.isEmpty() ? "command " + command + " exited with " + r.exitCode() : output);
    }

    Result httpGet(HTTPGetAction action, Container container, Duration timeout) {
        return httpGet(action, container, timeout, null);
    }

    Result httpGet(HTTPGetAction action, Container container, Duration timeout, String podIp) {
        String host = action.getHost() == null || action.getHost().isEmpty()
                ? (podIp != null ? podIp : defaultHost) : action.getHost();
        int port = port(action.getPort(), container);
        String scheme = action.getScheme() == null ? "http" : action.getScheme().toLowerCase(java.util.Locale.ROOT);
        String path = action.getPath() == null || action.getPath().isEmpty() ? "/" : action.getPath();
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        try {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(scheme + "://" + host + ":" + port + path))
                    .timeout(timeout).header("User-Agent", "kube-probe/1.32").GET();
            if (action.getHttpHeaders() != null) {
                action.getHttpHeaders().forEach(h -> req.setHeader(h.getName(), h.getValue()));
            }
            int code = http.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return code >= 200 && code < 400 ? new Result(true, "")
                    : new Result(false, "HTTP probe failed with statuscode: " + code);
        } catch (IOException | IllegalArgumentException e) {
            return new Result(false, "Get \"" + scheme + "://" + host + ":" + port + path + "\": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
    }

    Result tcp(TCPSocketAction action, Container container, Duration timeout) {
        return tcp(action, container, timeout, null);
    }

    Result tcp(TCPSocketAction action, Container container, Duration timeout, String podIp) {
        String host = action.getHost() == null || action.getHost().isEmpty()
                ? (podIp != null ? podIp : defaultHost) : action.getHost();
        int port = port(action.getPort(), container);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return new Result(true, "");
        } catch (IOException e) {
            return new Result(false, "dial tcp " + host + ":" + port + ": " + e.getMessage());
        }
    }

    /** A port by number, or by the name of one of the container's ports. */
    static int port(IntOrString port, Container container) {
        if (port == null) {
            return 80;
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        String name = port.getStrVal();
        if (container.getPorts() != null) {
            for (ContainerPort p : container.getPorts()) {
                if (name.equals(p.getName())) {
                    return p.getContainerPort();
                }
            }
        }
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
