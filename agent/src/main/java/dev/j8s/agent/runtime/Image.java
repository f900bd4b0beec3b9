package dev.j8s.agent.runtime;

import java.util.List;

/**
 * An image a runtime holds (CRI's Image).
 *
 * @param id          the runtime's ID of the image ({@code sha256:…} of its config with containerd)
 * @param repoTags    the names it was pulled or imported as
 * @param repoDigests {@code repository@sha256:…} of the manifests it came from
 * @param sizeBytes   what removing it frees, as the runtime estimates it
 * @param pinned      the runtime asks that it never be garbage collected
 */
public record Image(String id, List<String> repoTags, List<String> repoDigests, long sizeBytes, boolean pinned) {

    public Image {
        repoTags = List.copyOf(repoTags);
        repoDigests = List.copyOf(repoDigests);
    }

    /** Whether {@code ref} (an image ID or a repo digest, as containers report the image they run) names this image. */
    public boolean isNamedBy(String ref) {
        return id.equals(ref) || repoDigests.contains(ref) || repoTags.contains(ref);
    }

    /** The name a person recognises it by: its first tag, else its ID. */
    public String displayName() {
        return repoTags.isEmpty() ? id : repoTags.get(0);
    }
}
