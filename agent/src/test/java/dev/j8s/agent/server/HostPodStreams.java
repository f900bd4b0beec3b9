package dev.j8s.agent.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test node: exec runs commands as host processes ({@code script} gives them a terminal when a TTY is asked
 * for), logs are files the test writes in the CRI format, and pod ports are forwarded to local test servers.
 * Every process it starts is remembered and stopped by {@link #close()}.
 */
final class HostPodStreams implements PodStreams, AutoCloseable {

    /** A container the test declared: its log files and whether it still runs. */
    static final class TestContainer implements ContainerLog {
        final Path current;
        final Path previous;
        volatile boolean running = true;
        volatile String waitingReason;

        TestContainer(Path current, Path previous) {
            this.current = current;
            this.previous = previous;
        }

        @Override
        public Path path() {
            return current;
        }

        @Override
        public boolean running() {
            return running;
        }
    }

    private final Map<String, TestContainer> containers = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> ports = new ConcurrentHashMap<>();
    private final List<Process> processes = new ArrayList<>();

    void addContainer(String ns, String pod, String container, TestContainer c) {
        containers.put(ns + "/" + pod + "/" + container, c);
    }

    /** Forwards {@code podPort} of every pod to {@code localPort} on 127.0.0.1. */
    void mapPort(int podPort, int localPort) {
        ports.put(podPort, localPort);
    }

    @Override
    public ContainerLog logFile(String ns, String pod, String container, boolean previous) throws StreamException {
        TestContainer c = containers.get(ns + "/" + pod + "/" + container);
        if (c == null) {
            throw StreamException.notFound("container " + container + " is not found in pod " + pod);
        }
        if (c.waitingReason != null && !previous) {
            throw StreamException.badRequest("container \"" + container + "\" in pod \"" + pod
                    + "\" is waiting to start: " + c.waitingReason);
        }
        if (!previous) {
            return c;
        }
        if (c.previous == null) {
            throw StreamException.badRequest("previous terminated container \"" + container + "\" in pod \"" + pod
                    + "\" not found");
        }
        return new ContainerLog() {
            @Override
            public Path path() {
                return c.previous;
            }

            @Override
            public boolean running() {
                return false;
            }
        };
    }

    @Override
    public ExecSession exec(ExecRequest request) throws StreamException {
        List<String> command = request.command();
        if (request.tty()) {
            // script(1) runs the command on a pseudo-terminal and exits with its status (-e).
            command = List.of("script", "-qfec", shellQuote(command), "/dev/null");
        }
        return start(command);
    }

    @Override
    public ExecSession attach(ExecRequest request) throws StreamException {
        // The test container's "main process" echoes what it is sent.
        return start(List.of("cat"));
    }

    private synchronized ExecSession start(List<String> command) throws StreamException {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new StreamException(500, "cannot start " + command + ": " + e.getMessage());
        }
        processes.add(process);
        return new ExecSession() {
            @Override
            public OutputStream stdin() {
                return process.getOutputStream();
            }

            @Override
            public InputStream stdout() {
                return process.getInputStream();
            }

            @Override
            public InputStream stderr() {
                return process.getErrorStream();
            }

            @Override
            public void resize(int width, int height) {
                // script(1) keeps its own terminal size; the test does not check resizes.
            }

            @Override
            public CompletableFuture<Integer> exitCode() {
                return process.onExit().thenApply(Process::exitValue);
            }

            @Override
            public void close() {
                stop(process);
            }
        };
    }

    @Override
    public PortConnection portForward(String ns, String pod, int port) throws StreamException {
        Integer local = ports.get(port);
        if (local == null) {
            throw StreamException.badRequest("nothing listens on port " + port);
        }
        Socket socket;
        try {
            socket = new Socket("127.0.0.1", local);
        } catch (IOException e) {
            throw new StreamException(500, e.getMessage());
        }
        return new PortConnection() {
            @Override
            public InputStream input() {
                try {
                    return socket.getInputStream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public OutputStream output() {
                try {
                    return socket.getOutputStream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void closeOutput() {
                try {
                    socket.shutdownOutput();
                } catch (IOException e) {
                    // already closed
                }
            }

            @Override
            public void close() {
                try {
                    socket.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        };
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public synchronized void close() {
        processes.forEach(HostPodStreams::stop);
    }

    private static String shellQuote(List<String> words) {
        StringBuilder out = new StringBuilder();
        for (String w : words) {
            out.append(out.isEmpty() ? "" : " ").append('\'').append(w.replace("'", "'\\''")).append('\'');
        }
        return out.toString();
    }
}
