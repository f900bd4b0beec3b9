package dev.j8s.agent.server;

import java.util.List;

/** The query of an exec or attach request: which streams the client wants and whether it asked for a TTY. */
public record ExecRequest(String namespace, String pod, String container, List<String> command, boolean stdin,
                          boolean stdout, boolean stderr, boolean tty) {
    public ExecRequest {
        command = List.copyOf(command);
    }
}
