package dev.j8s.agent.server;

import java.nio.file.Path;

/** A container's log file and whether the container may still append to it (follow mode stops when not). */
public interface ContainerLog {

    Path path();

    boolean running();
}
