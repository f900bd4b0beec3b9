package dev.j8s.agent.cri;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.j8s.agent.cri.v1.Container;
import dev.j8s.agent.cri.v1.ContainerFilter;
import dev.j8s.agent.cri.v1.FilesystemUsage;
import dev.j8s.agent.cri.v1.ImageFilter;
import dev.j8s.agent.runtime.Image;
import dev.j8s.agent.runtime.ImageService;
import dev.j8s.agent.runtime.RuntimeFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A CRI runtime's images for the kubelet's image garbage collection: ListImages, the image refs of every
 * container (ListContainers without a filter: all states, all sandboxes, also those of other CRI clients),
 * RemoveImage and ImageFsInfo. The sandbox (pause) image counts as in use: containerd 1.6 does not pin it
 * (Image.pinned came with 1.7), so the kubelet's older rule of never collecting it applies.
 */
final class CriImages implements ImageService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CriClient cri;

    CriImages(CriClient cri) {
        this.cri = cri;
    }

    @Override
    public List<Image> listImages() {
        return call(() -> cri.listImages(ImageFilter.getDefaultInstance())).stream()
                .map(i -> new Image(i.getId(), i.getRepoTagsList(), i.getRepoDigestsList(), i.getSize(), i.getPinned()))
                .toList();
    }

    @Override
    public Set<String> imagesInUse() {
        Set<String> refs = new HashSet<>();
        for (Container c : call(() -> cri.listContainers(ContainerFilter.getDefaultInstance()))) {
            refs.add(c.getImageRef());
            refs.add(c.getImage().getImage());
        }
        String sandboxImage = sandboxImage();
        if (sandboxImage != null) {
            refs.add(sandboxImage);
            call(() -> cri.imageStatus(sandboxImage)).ifPresent(i -> refs.add(i.getId()));
        }
        refs.remove("");
        return refs;
    }

    @Override
    public void removeImage(String imageId) {
        try {
            cri.removeImage(imageId);
        } catch (CriException.NotFound e) {
            // Gone already: what the collector wanted.
        } catch (CriException e) {
            throw new RuntimeFailure(e.getMessage(), e);
        }
    }

    @Override
    public Path imageFilesystem() {
        List<FilesystemUsage> filesystems = call(cri::imageFsInfo).getImageFilesystemsList();
        if (filesystems.isEmpty() || filesystems.get(0).getFsId().getMountpoint().isEmpty()) {
            throw new RuntimeFailure("the runtime reports no image filesystem");
        }
        return Path.of(filesystems.get(0).getFsId().getMountpoint());
    }

    /**
     * The pause image the runtime starts sandboxes from: containerd reports its CRI config (with
     * {@code sandboxImage}) in the verbose Status' info.
     */
    String sandboxImage() {
        String config = call(() -> cri.status(true)).getInfoMap().get("config");
        if (config == null) {
            return null;
        }
        try {
            JsonNode image = JSON.readTree(config).get("sandboxImage");
            return image == null || image.asText().isEmpty() ? null : image.asText();
        } catch (IOException e) {
            return null;
        }
    }

    private static <T> T call(Supplier<T> rpc) {
        try {
            return rpc.get();
        } catch (CriException e) {
            throw new RuntimeFailure(e.getMessage(), e);
        }
    }
}
