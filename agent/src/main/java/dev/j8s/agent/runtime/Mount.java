package dev.j8s.agent.runtime;

import java.nio.file.Path;

/** A host directory or file made visible at {@code containerPath} (CRI's Mount). */
public record Mount(Path hostPath, String containerPath, boolean readOnly) {}
