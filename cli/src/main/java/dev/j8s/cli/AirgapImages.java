package dev.j8s.cli;

import dev.j8s.agent.cri.ManagedContainerd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images a node imports when its containerd starts, as k3s imports the archives in {@code agent/images}:
 * every {@code .tar} in the node's {@code images} directory and the archives named by
 * {@code --image-archive}. Importing an image that is already there is cheap (its blobs are present), so
 * this runs on every start and a node whose images were garbage-collected gets them back.
 */
final class AirgapImages {

    private static final Logger log = LoggerFactory.getLogger(AirgapImages.class);

    private AirgapImages() {}

    static void importAll(ManagedContainerd containerd, Path directory, List<Path> archives) {
        List<Path> all = new ArrayList<>(inDirectory(directory));
        for (Path archive : archives) {
            if (!Files.isRegularFile(archive)) {
                throw new IllegalArgumentException("--image-archive " + archive + ": no such file");
            }
            all.add(archive.toAbsolutePath());
        }
        for (Path archive : all) {
            log.info("importing images from {}", archive);
            containerd.importImages(archive);
        }
    }

    private static List<Path> inDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tar") && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }
}
