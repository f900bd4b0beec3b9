package dev.j8s.agent.images;

/** Size and free space of a filesystem, as statfs reports them (available: what unprivileged writers may use). */
public record FsStats(String mountpoint, long capacityBytes, long availableBytes) {}
