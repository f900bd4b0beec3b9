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
}
