package dev.j8s.agent.images;

import dev.j8s.agent.runtime.ImageService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where image garbage collection learns how full the image filesystem is (the kubelet's ImageFsStats). */
@FunctionalInterface
public interface ImageFsUsage {

    FsStats stats();

    /**
     * The filesystem the runtime keeps its images on (CRI ImageFsInfo names its mount point), measured with statfs
     * as cAdvisor does: capacity and the space available to unprivileged writers.
     */
    static ImageFsUsage of(ImageService images) {
        return () -> {
            Path mountpoint = images.imageFilesystem();
            try {
                FileStore store = Files.getFileStore(mountpoint);
                return new FsStats(mountpoint.toString(), store.getTotalSpace(), store.getUsableSpace());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the usage of the image filesystem " + mountpoint, e);
            }
        };
    }
}
