package dev.j8s.cli;

import dev.j8s.agent.cri.ContainerdOptions;
import dev.j8s.agent.cri.ManagedContainerd;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Whether a node can run containers with containerd, and how j8s's own containerd is configured. */
final class RuntimeChoice {

    private RuntimeChoice() {}

    /** Null when the cri runtime can run here; otherwise why not, in a few words. */
    static String whyNotCri() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "containers need root (cri runtime)";
        }
        for (String binary : List.of("containerd", "runc", "ctr")) {
            if (onPath(binary) == null) {
                return binary + " is not installed (scripts/install-node-deps.sh installs it)";
            }
        }
        return null;
    }

    static ContainerdOptions containerdOptions(Path dataDir, NodeRuntimeOptions options) {
        List<String> plainHttp = new ArrayList<>(options.insecureRegistries);
        ContainerdOptions o = ContainerdOptions.defaults(dataDir.resolve("cri"));
        if (options.sandboxImage != null) {
            o = o.withSandboxImage(options.sandboxImage);
            // containerd pulls the pause image itself, without asking j8s first.
            String registry = dev.j8s.agent.runtime.RegistryAuth.registryOf(options.sandboxImage);
            if (isLoopback(registry) && !plainHttp.contains(registry)) {
                plainHttp.add(registry);
            }
        }
        return o.withPlainHttpRegistries(plainHttp);
    }

    /**
     * Pods cannot start without the pause image; the default one is built offline (scripts/test-images.sh)
     * and must be imported, so say so once instead of leaving pods in ContainerCreating without a word.
     */
    static void warnWithoutSandboxImage(ManagedContainerd containerd) {
        String image = containerd.options().sandboxImage();
        if (image.equals(ContainerdOptions.LOCAL_PAUSE_IMAGE) && containerd.cri().imageStatus(image).isEmpty()) {
            System.out.println("j8s: the pause image " + image + " is not imported yet; pods start once "
                    + "'j8s images import pause_3.9.tar' (built by scripts/test-images.sh) has loaded it");
        }
    }

    /** Registries on the loopback address are local test registries: pulled from over plain HTTP. */
    static void allowLoopbackRegistry(ManagedContainerd containerd, String registry) {
        if (isLoopback(registry)) {
            containerd.allowPlainHttpRegistry(registry);
        }
    }

    static boolean isLoopback(String registry) {
        String host = registry.startsWith("[") ? registry.substring(1, registry.indexOf(']'))
                : registry.contains(":") ? registry.substring(0, registry.lastIndexOf(':')) : registry;
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    private static Path onPath(String binary) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir, binary);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
