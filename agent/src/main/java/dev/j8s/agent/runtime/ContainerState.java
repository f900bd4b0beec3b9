package dev.j8s.agent.runtime;

/** CRI's ContainerState. */
public enum ContainerState { CREATED, RUNNING, EXITED, UNKNOWN }
