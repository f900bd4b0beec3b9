package dev.j8s.agent.runtime;

/**
 * The image of a container could not be made present; the kubelet reports {@link #reason()} as the
 * container's waiting reason ({@code ErrImagePull}, or {@code ErrImageNeverPull} when the policy forbids
 * pulling a missing image) and backs off before pulling again.
 */
public class ImagePullFailure extends RuntimeFailure {

    private final String image;
    private final String reason;

    public ImagePullFailure(String image, String reason, String message, Throwable cause) {
        super(message, cause);
        this.image = image;
        this.reason = reason;
    }

    public String image() {
        return image;
    }

    public String reason() {
        return reason;
    }
}
