package dev.j8s.agent.runtime;

/**
 * What a container's main process gets as its standard input and terminal (the pod spec's {@code stdin},
 * {@code stdinOnce} and {@code tty}, CRI ContainerConfig fields 12-14), which {@code kubectl attach} then reaches.
 *
 * @param stdin     the process keeps a stdin that attach sessions write to; without it stdin is empty (/dev/null)
 * @param stdinOnce stdin is closed (EOF) when the first attach session that wrote to it ends
 * @param tty       the process runs on a terminal; its output is one stream (stdout)
 */
public record StdioConfig(boolean stdin, boolean stdinOnce, boolean tty) {

    public static final StdioConfig NONE = new StdioConfig(false, false, false);

    public StdioConfig {
        // stdinOnce means nothing without stdin (the API server's validation allows it; the runtime ignores it).
        stdinOnce = stdin && stdinOnce;
    }
}
