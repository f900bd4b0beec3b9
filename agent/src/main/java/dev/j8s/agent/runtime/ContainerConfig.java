package dev.j8s.agent.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One container to create (CRI's ContainerConfig), with everything already resolved by the kubelet:
 * the command and arguments after $(VAR) expansion, the environment, the host directories to mount,
 * the log file and the limits.
 *
 * @param attempt    how many times this container was started before in this pod (the restart count)
 * @param image      the image reference; runtimes without images (process) ignore it
 * @param command    entrypoint; the process runtime needs it (no image supplies a default)
 * @param workingDir working directory; empty means the runtime's own per-container directory
 * @param env        environment, in the order the pod spec defines it
 * @param logPath    the CRI-format log file of this attempt
 * @param stdio      stdin and terminal of the main process (what {@code kubectl attach} reaches)
 */
public record ContainerConfig(String name, int attempt, String image, List<String> command, List<String> args,
                              String workingDir, Map<String, String> env, List<Mount> mounts, Path logPath,
                              Resources resources, Map<String, String> labels, StdioConfig stdio) {

    /** A container whose stdin is empty and that has no terminal. */
    public ContainerConfig(String name, int attempt, String image, List<String> command, List<String> args,
                           String workingDir, Map<String, String> env, List<Mount> mounts, Path logPath,
                           Resources resources, Map<String, String> labels) {
        this(name, attempt, image, command, args, workingDir, env, mounts, logPath, resources, labels, StdioConfig.NONE);
    }

    public ContainerConfig {
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        mounts = List.copyOf(mounts);
        labels = Map.copyOf(labels);
        workingDir = workingDir == null ? "" : workingDir;
        resources = resources == null ? Resources.NONE : resources;
        // State files written before the field existed read it as null.
        stdio = stdio == null ? StdioConfig.NONE : stdio;
    }

    /** command followed by args, as the runtime executes them. */
    public List<String> argv() {
        List<String> argv = new java.util.ArrayList<>(command);
        argv.addAll(args);
        return argv;
    }
}
