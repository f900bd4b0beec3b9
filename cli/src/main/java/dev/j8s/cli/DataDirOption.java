package dev.j8s.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option every command shares. */
final class DataDirOption {

    @Option(names = "--data-dir", description = "State directory (default: /var/lib/j8s as root, "
            + "~/.local/share/j8s otherwise).")
    Path dataDir;

    Path resolve() {
        return (dataDir == null ? DataDir.defaultPath() : dataDir).toAbsolutePath();
    }
}
