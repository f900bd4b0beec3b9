package dev.j8s.agent.dns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a resolv.conf(5) the kubelet passes on (pkg/kubelet/network/dns parseResolvConf):
 * nameservers, the search list (the last {@code search} line wins; trailing dots dropped; "." ignored)
 * and options.
 */
public record ResolvConf(List<String> nameservers, List<String> searches, List<String> options) {

    public static final ResolvConf EMPTY = new ResolvConf(List.of(), List.of(), List.of());

    public ResolvConf {
        nameservers = List.copyOf(nameservers);
        searches = List.copyOf(searches);
        options = List.copyOf(options);
    }

    public static ResolvConf parse(String text) {
        List<String> servers = new ArrayList<>();
        List<String> searches = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.replaceFirst("[#;].*$", "").trim();
            String[] f = line.split("\\s+");
            if (f.length < 2) {
                continue;
            }
            switch (f[0]) {
                case "nameserver" -> servers.add(f[1]);
                case "search" -> {
                    searches.clear();
                    for (int i = 1; i < f.length; i++) {
                        if (!f[i].equals(".")) {
                            searches.add(f[i].endsWith(".") ? f[i].substring(0, f[i].length() - 1) : f[i]);
                        }
                    }
                }
                case "options" -> {
                    for (int i = 1; i < f.length; i++) {
                        options.add(f[i]);
                    }
                }
                default -> { }
            }
        }
        return new ResolvConf(servers, searches, options);
    }

    /** The file's settings; none when it is missing or unreadable (the kubelet logs and goes on). */
    public static ResolvConf read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            return EMPTY;
        }
    }

    /**
     * The resolv.conf whose nameservers a pod in its own network namespace can reach. When the host's
     * lists only loopback servers (systemd-resolved's stub 127.0.0.53), those answer only inside the host's
     * namespace; like k3s, use systemd-resolved's list of real upstreams instead when it exists.
     */
    public static Path forPods(Path hostResolvConf, Path systemdResolvConf) {
        ResolvConf host = read(hostResolvConf);
        boolean loopbackOnly = !host.nameservers().isEmpty()
                && host.nameservers().stream().allMatch(s -> s.startsWith("127.") || s.equals("::1"));
        return loopbackOnly && Files.isReadable(systemdResolvConf) ? systemdResolvConf : hostResolvConf;
    }
}
