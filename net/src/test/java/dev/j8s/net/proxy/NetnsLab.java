package dev.j8s.net.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces a test creates and always removes: a "node" namespace that routes (where the
 * proxy's nftables table lives) and namespaces wired to it by veth pairs. Deleting a namespace deletes
 * its veths and nftables tables; processes started in them are stopped by PID.
 */
final class NetnsLab implements AutoCloseable {

    private final String prefix = "j8sp" + (ProcessHandle.current().pid() % 100000);
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    /** The name of a namespace of this lab (created by {@link #namespace}). */
    String ns(String role) {
        return prefix + "-" + role;
    }

    void namespace(String role) throws IOException {
        String name = ns(role);
        run("ip", "netns", "add", name);
        namespaces.add(name);
        in(role, "ip", "link", "set", "lo", "up");
    }

    /**
     * A veth pair between {@code role} (address {@code address}/24, default route via {@code gateway}) and the
     * node namespace (address {@code gateway}/24).
     */
    void wire(String role, String address, String gateway) throws IOException {
        String inside = prefix.substring(4) + role.charAt(0) + "i";
        String outside = prefix.substring(4) + role.charAt(0) + "o";
        run("ip", "link", "add", inside, "netns", ns(role), "type", "veth", "peer", "name", outside, "netns", ns("node"));
        in(role, "ip", "addr", "add", address + "/24", "dev", inside);
        in(role, "ip", "link", "set", inside, "up");
        in(role, "ip", "route", "add", "default", "via", gateway);
        in("node", "ip", "addr", "add", gateway + "/24", "dev", outside);
        in("node", "ip", "link", "set", outside, "up");
    }

    /** Runs a command in a namespace and returns its output; throws when it fails. */
    String in(String role, String... command) throws IOException {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns(role)));
        argv.addAll(Arrays.asList(command));
        return run(argv.toArray(String[]::new));
    }

    /** Runs a command in a namespace: its exit code and output. */
    Result attempt(String role, String... command) throws IOException {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns(role)));
        argv.addAll(Arrays.asList(command));
        return exec(argv);
    }

    /** Starts a long-running command in a namespace; stopped on close. */
    void background(String role, String... command) throws IOException {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns(role)));
        argv.addAll(Arrays.asList(command));
        processes.add(new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }

    record Result(int exit, String output) {}

    static String run(String... command) throws IOException {
        Result result = exec(List.of(command));
        if (result.exit() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + result.exit() + "): " + result.output());
        }
        return result.output();
    }

    private static Result exec(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish");
            }
            return new Result(process.exitValue(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String name : namespaces.reversed()) {
            try {
                run("ip", "netns", "del", name);
            } catch (IOException e) {
                System.err.println("cannot remove netns " + name + ": " + e.getMessage());
            }
        }
    }
}
