package dev.j8s.agent.cri;

/** j8s's own containerd could not be started, driven or stopped; the message carries its log's tail. */
public class ContainerdException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ContainerdException(String message) {
    super(message);
  }

  public ContainerdException(String message, Throwable cause) {
    super(message, cause);
  }
}
