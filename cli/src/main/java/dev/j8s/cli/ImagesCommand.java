package dev.j8s.cli;

import dev.j8s.agent.cri.ContainerdOptions;
import dev.j8s.agent.cri.ManagedContainerd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code j8s images}: the images of the node's containerd. */
@Command(name = "images", mixinStandardHelpOptions = true, description = "Manages the images of the local node.",
        subcommands = ImagesCommand.Import.class)
final class ImagesCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** {@code j8s images import FILE.tar}: loads an OCI or docker archive, as {@code k3s ctr images import}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Imports the images of an OCI or docker archive into the running node's containerd.")
    static final class Import implements Callable<Integer> {

        @Mixin
        DataDirOption dataDir;

        @Option(names = "--container-runtime-endpoint", paramLabel = "SOCKET",
                description = "CRI socket of the containerd (default: the one j8s runs under the data dir).")
        Path endpoint;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Image archives (.tar).")
        List<Path> archives;

        @Override
        public Integer call() {
            Path socket = endpoint != null ? endpoint : socketUnder(dataDir.resolve());
            if (!Files.exists(socket)) {
                throw new IllegalStateException("no containerd socket at " + socket
                        + " (is a j8s node with the cri runtime running on this data dir?)");
            }
            for (Path archive : archives) {
                System.out.print(ManagedContainerd.importImages(socket, archive.toAbsolutePath()));
            }
            return 0;
        }

        /** The socket of the local node of {@code j8s server} (DIR/agent), else of {@code j8s agent} (DIR). */
        static Path socketUnder(Path dir) {
            Path server = ContainerdOptions.defaults(dir.resolve("agent").resolve("cri")).socket();
            return Files.exists(server) ? server : ContainerdOptions.defaults(dir.resolve("cri")).socket();
        }
    }
}
