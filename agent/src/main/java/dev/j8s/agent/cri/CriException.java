package dev.j8s.agent.cri;

import io.grpc.Status;

/**
 * A CRI call failed. Subclasses name the failures the kubelet acts on differently (a missing object, a
 * runtime that is down, a call that ran out of time, an image that cannot be pulled); anything else is a
 * plain {@code CriException} carrying the runtime's message and gRPC code.
 */
public class CriException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final Status.Code code;

  public CriException(String operation, Status.Code code, String message, Throwable cause) {
    super(operation + ": " + message, cause);
    this.operation = operation;
    this.code = code;
  }

  /** The CRI method that failed, e.g. {@code StartContainer}. */
  public String operation() {
    return operation;
  }

  /** The gRPC status code the runtime answered with. */
  public Status.Code code() {
    return code;
  }

  /** The sandbox, container or image named in the call does not exist (any more). */
  public static final class NotFound extends CriException {
    private static final long serialVersionUID = 1L;

    public NotFound(String operation, String message, Throwable cause) {
      super(operation, Status.Code.NOT_FOUND, message, cause);
    }
  }

  /** The runtime cannot be reached: its socket is gone or it is not serving yet. */
  public static final class Unavailable extends CriException {
    private static final long serialVersionUID = 1L;

    public Unavailable(String operation, String message, Throwable cause) {
      super(operation, Status.Code.UNAVAILABLE, message, cause);
    }
  }

  /** The call did not finish within its deadline; the runtime may still complete it. */
  public static final class Timeout extends CriException {
    private static final long serialVersionUID = 1L;

    public Timeout(String operation, String message, Throwable cause) {
      super(operation, Status.Code.DEADLINE_EXCEEDED, message, cause);
    }
  }

  /**
   * PullImage failed: the kubelet reports this as {@code ErrImagePull} and backs off
   * ({@code ImagePullBackOff}); {@link #image()} says which image.
   */
  public static final class ImagePull extends CriException {
    private static final long serialVersionUID = 1L;

    private final String image;

    public ImagePull(String image, Status.Code code, String message, Throwable cause) {
      super("PullImage", code, message, cause);
      this.image = image;
    }

    public String image() {
      return image;
    }
  }
}
