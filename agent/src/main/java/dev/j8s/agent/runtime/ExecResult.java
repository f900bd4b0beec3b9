package dev.j8s.agent.runtime;

/** The outcome of {@link ContainerRuntime#execSync}: exit code and output; timedOut if it was killed for taking too long. */
public record ExecResult(int exitCode, String stdout, String stderr, boolean timedOut) {}
