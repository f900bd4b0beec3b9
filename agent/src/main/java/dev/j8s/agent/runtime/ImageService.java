package dev.j8s.agent.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The images of a runtime, shaped after CRI's ImageService, for the kubelet's image garbage collection: what
 * the runtime holds, what its containers use, removal, and where the images are stored.
 */
public interface ImageService {

    /** Every image the runtime holds (CRI ListImages). */
    List<Image> listImages();

    /**
     * The refs of the images that containers use, in every state (running, created or exited) and of every pod
     * sandbox, and the sandbox (pause) image itself: none of them may be removed.
     */
    Set<String> imagesInUse();

    /** Removes an image by its ID (CRI RemoveImage), with every tag it has. */
    void removeImage(String imageId);

    /** The mount point of the filesystem that holds the images (CRI ImageFsInfo). */
    Path imageFilesystem();
}
