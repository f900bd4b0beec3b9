package dev.j8s.agent.cri;

import dev.j8s.agent.runtime.PipedExecProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A process exec'd in a CRI container through containerd's own {@code ctr tasks exec}: it runs with the
 * container's process spec (environment, working directory, user, namespaces, cgroup) and its streams are
 * this process's pipes, which spares j8s a client for the runtime's SPDY streaming server. A TTY comes from
 * {@code script}, which gives ctr the terminal it insists on; resizing it is not supported. Signals to ctr
 * reach the exec'd process (ctr forwards them), so closing stops it.
 */
final class CtrExecProcess extends PipedExecProcess {

    private CtrExecProcess(Process process) {
        super(process);
    }

    static CtrExecProcess start(Path socket, String containerId, List<String> command, boolean tty) throws IOException {
        List<String> ctr = new ArrayList<>(List.of("ctr", "--address", socket.toString(), "--namespace", "k8s.io",
                "tasks", "exec", "--exec-id", "j8s-" + UUID.randomUUID().toString().substring(0, 13)));
        if (tty) {
            ctr.add("--tty");
        }
        ctr.add(containerId);
        ctr.addAll(command);
        List<String> argv = tty ? onTerminal(ctr) : ctr;
        return new CtrExecProcess(new ProcessBuilder(argv).start());
    }

    @Override
    public void resize(int width, int height) {
        // ctr has no resize for an exec it did not start with its own console; the terminal keeps its size.
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
        }
    }
}
