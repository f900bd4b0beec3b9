package dev.j8s.agent.kubelet;

import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Facts of the host a node reports (pkg/kubelet/nodestatus, cadvisor's machine info): CPUs, memory
 * from /proc/meminfo, the data directory's filesystem as ephemeral-storage, kernel and OS image.
 */
public record HostInfo(int cpus, long memoryBytes, long ephemeralStorageBytes, long availableMemoryBytes,
                       long availableStorageBytes, String kernelVersion, String osImage, String architecture,
                       String machineId, String bootId) {

    /** The kubelet's default --max-pods. */
    public static final int MAX_PODS = 110;

    public static HostInfo read(Path dataDir) {
        Map<String, Long> meminfo = meminfo();
        long storage;
        long freeStorage;
        try {
            var store = Files.getFileStore(Files.createDirectories(dataDir));
            storage = store.getTotalSpace();
            freeStorage = store.getUsableSpace();
        } catch (IOException e) {
            storage = 0;
            freeStorage = 0;
        }
        String arch = System.getProperty("os.arch");
        return new HostInfo(Runtime.getRuntime().availableProcessors(),
                meminfo.getOrDefault("MemTotal", 0L) * 1024, storage,
                meminfo.getOrDefault("MemAvailable", 0L) * 1024, freeStorage,
                System.getProperty("os.version"), readOsImage(),
                arch.equals("amd64") || arch.equals("x86_64") ? "amd64" : arch.equals("aarch64") ? "arm64" : arch,
                firstLine(Path.of("/etc/machine-id")), firstLine(Path.of("/proc/sys/kernel/random/boot_id")));
    }

    /** capacity: cpu, memory, ephemeral-storage, pods; allocatable is the same (no reservations). */
    public Map<String, Quantity> capacity() {
        Map<String, Quantity> m = new LinkedHashMap<>();
        m.put("cpu", new Quantity(Integer.toString(cpus)));
        m.put("memory", new Quantity((memoryBytes / 1024) + "Ki"));
        m.put("ephemeral-storage", new Quantity((ephemeralStorageBytes / 1024) + "Ki"));
        m.put("pods", new Quantity(Integer.toString(MAX_PODS)));
        return m;
    }

    /** The kubelet's default hard eviction thresholds: memory.available<100Mi, nodefs.available<10%. */
    public boolean memoryPressure() {
        return memoryBytes > 0 && availableMemoryBytes < 100L * 1024 * 1024;
    }

    public boolean diskPressure() {
        return ephemeralStorageBytes > 0 && availableStorageBytes < ephemeralStorageBytes / 10;
    }

    /** The host's first non-loopback IPv4 address, or 127.0.0.1 when it has none. */
    public static String defaultAddress() {
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            return "127.0.0.1";
        }
        return "127.0.0.1";
    }

    private static Map<String, Long> meminfo() {
        Map<String, Long> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                String[] parts = line.split(":\\s+");
                if (parts.length == 2) {
                    m.put(parts[0], Long.parseLong(parts[1].replace(" kB", "").trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return m;
        }
        return m;
    }

    private static String readOsImage() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring(12).replace("\"", "");
                }
            }
        } catch (IOException e) {
            return "Linux";
        }
        return "Linux";
    }

    private static String firstLine(Path p) {
        try {
            return Files.readAllLines(p).stream().findFirst().orElse("").trim();
        } catch (IOException e) {
            return "";
        }
    }
}
