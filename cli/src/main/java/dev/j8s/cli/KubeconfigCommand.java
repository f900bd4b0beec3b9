package dev.j8s.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code j8s kubeconfig}: prints the admin kubeconfig of a data directory. */
@Command(name = "kubeconfig", mixinStandardHelpOptions = true, description = "Prints the admin kubeconfig.")
final class KubeconfigCommand implements Callable<Integer> {

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir.resolve();
        Path file = DataDir.kubeconfig(dir);
        if (!Files.exists(file)) {
            System.err.println("j8s: no kubeconfig at " + file + " (is j8s running? try 'j8s up')");
            return 1;
        }
        System.out.print(Files.readString(file));
        return 0;
    }
}
