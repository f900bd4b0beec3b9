package dev.j8s.agent.process;

import dev.j8s.agent.runtime.PipedExecProcess;

import dev.j8s.agent.runtime.ContainerConfig;
import dev.j8s.agent.runtime.Mount;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The shell script each container runs as: it joins the container's cgroups, bind-mounts the
 * volumes (when run in a private mount namespace), changes to the working directory, runs the
 * command and writes its exit status to a file. The file outlives the agent, so an agent restarted
 * after the container exited still learns how it exited (a process that is not our child cannot be
 * waited for).
 *
 * <p>The script traps SIGTERM with a no-op handler: the signal to the process group still reaches the
 * command (a caught signal is reset to its default by exec, unlike an ignored one), while the shell
 * survives it to record the exit status. SIGKILL takes the shell too; the runtime then knows the exit
 * was its own kill.
 */
final class WrapperScript {

    private WrapperScript() {}

    /** Where the PID of the process that holds a stdin container's FIFO open is written. */
    static final String STDIN_KEEPER = "stdin-keeper.pid";

    /**
     * @param stdinFifo the FIFO the command reads as stdin (pod spec {@code stdin: true}), or null for /dev/null. A
     *                  background {@code sleep} of the container holds it open for writing, so the command never sees
     *                  EOF between attach sessions (and the FIFO outlives an agent restart); killing that keeper is
     *                  how stdinOnce closes it.
     */
    static String render(String containerId, ContainerConfig config, List<Path> cgroupProcs, boolean bindMounts,
                         Path workingDir, Path exitFile, Path stdinFifo) {
        StringBuilder s = new StringBuilder("#!/bin/sh\n");
        s.append("# j8s process runtime: container ").append(containerId).append(" (").append(config.name())
                .append(", attempt ").append(config.attempt()).append(")\n");
        for (Path procs : cgroupProcs) {
            s.append("echo $$ > ").append(quote(procs.toString())).append(" || exit 126\n");
        }
        if (bindMounts) {
            for (Mount m : config.mounts()) {
                String target = quote(m.containerPath());
                String source = quote(m.hostPath().toString());
                // A file volume (subPath) needs a file to mount over, a directory volume a directory.
                s.append("if [ -d ").append(source).append(" ]; then mkdir -p ").append(target)
                        .append("; else mkdir -p \"$(dirname ").append(target).append(")\"; [ -e ").append(target)
                        .append(" ] || : > ").append(target).append("; fi\n");
                s.append("mount --bind ").append(source).append(' ').append(target).append(" || exit 126\n");
                if (m.readOnly()) {
                    s.append("mount -o remount,bind,ro ").append(target).append(" || exit 126\n");
                }
            }
        }
        s.append("cd ").append(quote(workingDir.toString())).append(" || exit 126\n");
        if (stdinFifo != null) {
            s.append("sleep 2147483647 <> ").append(quote(stdinFifo.toString())).append(" >/dev/null 2>&1 &\n");
            s.append("echo $! > ").append(quote(stdinFifo.resolveSibling(STDIN_KEEPER).toString())).append('\n');
        }
        s.append("trap : TERM INT HUP\n");
        List<String> argv = config.stdio().tty() ? PipedExecProcess.onTerminal(config.argv()) : config.argv();
        if (config.stdio().tty()) {
            // script(1) runs the command with $SHELL -c.
            s.append("SHELL=/bin/sh ");
        }
        s.append(argv.stream().map(WrapperScript::quote).collect(Collectors.joining(" ")));
        if (stdinFifo != null) {
            s.append(" < ").append(quote(stdinFifo.toString()));
        }
        s.append('\n');
        s.append("code=$?\n");
        String tmp = quote(exitFile + ".tmp");
        s.append("echo \"$code\" > ").append(tmp).append(" && mv ").append(tmp).append(' ')
                .append(quote(exitFile.toString())).append('\n');
        s.append("exit \"$code\"\n");
        return s.toString();
    }

    /** Single-quoted for sh: nothing inside is expanded. */
    static String quote(String s) {
        return PipedExecProcess.shellQuote(s);
    }
}
