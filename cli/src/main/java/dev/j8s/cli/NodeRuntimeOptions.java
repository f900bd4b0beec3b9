package dev.j8s.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How a node runs its containers: the options {@code j8s agent} and {@code j8s server} share. */
final class NodeRuntimeOptions {

    @Option(names = "--runtime", defaultValue = "auto", paramLabel = "R",
            description = "Container runtime: cri (containerd), process (commands on the host) or auto "
                    + "(default: cri when root with containerd and runc installed, else process).")
    String runtime = "auto";

    @Option(names = "--container-runtime-endpoint", paramLabel = "SOCKET",
            description = "CRI socket of a containerd already running (default: j8s starts its own under the "
                    + "node's data dir).")
    Path endpoint;

    @Option(names = {"--insecure-registry", "--registry-mirror"}, paramLabel = "HOST:PORT",
            description = "Registry pulled from over plain HTTP (repeatable); registries on 127.0.0.1 and "
                    + "localhost always are.")
    List<String> insecureRegistries = new ArrayList<>();

    @Option(names = "--sandbox-image", paramLabel = "IMAGE",
            description = "Pause image of pod sandboxes (default: j8s.local/pause:3.9, imported with "
                    + "'j8s images import').")
    String sandboxImage;

    @Option(names = "--image-archive", paramLabel = "FILE",
            description = "Image archive (OCI or docker .tar) imported into j8s's containerd at start, for "
                    + "air-gapped nodes (repeatable); archives in the node's images/ directory are imported too.")
    List<Path> imageArchives = new ArrayList<>();

    @Option(names = "--shutdown-drain-delay", defaultValue = "2s", paramLabel = "DURATION",
            converter = DrainDelayConverter.class,
            description = "How long a Ready pod being deleted keeps running before its preStop hooks and SIGTERM, "
                    + "so that Services and the ingress stop sending it traffic first (e.g. 2s, 500ms; 0 disables; "
                    + "capped by the pod's grace period; default: 2s).")
    java.time.Duration shutdownDrainDelay = dev.j8s.agent.kubelet.KubeletConfig.DEFAULT_SHUTDOWN_DRAIN_DELAY;

    @picocli.CommandLine.Mixin
    ImageGcOptions imageGc = new ImageGcOptions();

    /** Go-style durations as kubelet flags take them: {@code 2s}, {@code 500ms}, {@code 1m}; a bare number is seconds. */
    static final class DrainDelayConverter implements picocli.CommandLine.ITypeConverter<java.time.Duration> {
        @Override
        public java.time.Duration convert(String value) {
            var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m)?").matcher(value.trim());
            if (!m.matches()) {
                throw new picocli.CommandLine.TypeConversionException("not a duration: " + value + " (e.g. 2s, 500ms)");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> java.time.Duration.ofMillis(n);
                case "m" -> java.time.Duration.ofMinutes(n);
                default -> java.time.Duration.ofSeconds(n);
            };
        }
    }
}
