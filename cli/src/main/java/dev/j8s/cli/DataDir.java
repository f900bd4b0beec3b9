package dev.j8s.cli;

import java.nio.file.Path;

/** Where j8s keeps its state: /var/lib/j8s as root, ~/.local/share/j8s otherwise. */
final class DataDir {

    private DataDir() {}

    static Path defaultPath() {
        if ("root".equals(System.getProperty("user.name"))) {
            return Path.of("/var/lib/j8s");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "j8s");
    }

    static Path kubeconfig(Path dataDir) {
        return dataDir.resolve("kubeconfig.yaml");
    }

    static Path pidFile(Path dataDir) {
        return dataDir.resolve("j8s.pid");
    }

    static Path logFile(Path dataDir) {
        return dataDir.resolve("j8s.log");
    }
}
