package dev.j8s.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code j8s down}: stops the background server that {@code j8s up} started. */
@Command(name = "down", mixinStandardHelpOptions = true, description = "Stops the j8s server started by 'j8s up'.")
final class DownCommand implements Callable<Integer> {

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir.resolve();
        Optional<ProcessHandle> running = RunningServer.find(dir);
        if (running.isEmpty()) {
            System.out.println("j8s is not running");
            return 0;
        }
        ProcessHandle p = running.get();
        p.destroy();
        try {
            p.onExit().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            System.err.println("j8s: the server (pid " + p.pid() + ") did not stop within 30 s");
            return 1;
        }
        Files.deleteIfExists(DataDir.pidFile(dir));
        System.out.println("j8s stopped (pid " + p.pid() + ")");
        return 0;
    }
}
