package dev.j8s.agent.cri;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** Turns the gRPC status of a failed CRI call into the j8s {@link CriException} that says what it means. */
final class CriErrors {
  private CriErrors() {}

  static CriException translate(String operation, StatusRuntimeException e) {
    Status status = e.getStatus();
    String message = status.getDescription() != null ? status.getDescription() : status.getCode().name();
    return switch (status.getCode()) {
      case NOT_FOUND -> new CriException.NotFound(operation, message, e);
      case UNAVAILABLE -> new CriException.Unavailable(operation, message, e);
      case DEADLINE_EXCEEDED -> new CriException.Timeout(operation, message, e);
      default -> new CriException(operation, status.getCode(), message, e);
    };
  }

  /** A failed PullImage is always an image pull error, whatever the code; the runtime's text says why. */
  static CriException.ImagePull translatePull(String image, StatusRuntimeException e) {
    Status status = e.getStatus();
    String message = status.getDescription() != null ? status.getDescription() : status.getCode().name();
    return new CriException.ImagePull(image, status.getCode(), message, e);
  }
}
