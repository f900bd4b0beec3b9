package dev.j8s.agent.cri;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CriErrorsTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(Status.Code.NOT_FOUND, CriException.NotFound.class),
        Arguments.of(Status.Code.UNAVAILABLE, CriException.Unavailable.class),
        Arguments.of(Status.Code.DEADLINE_EXCEEDED, CriException.Timeout.class),
        Arguments.of(Status.Code.UNKNOWN, CriException.class),
        Arguments.of(Status.Code.INVALID_ARGUMENT, CriException.class));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void mapsGrpcCodesToDomainExceptions(Status.Code code, Class<? extends CriException> expected) {
    CriException e = CriErrors.translate("StartContainer",
        Status.fromCode(code).withDescription("container \"abc\" went away").asRuntimeException());

    assertThat(e).isExactlyInstanceOf(expected);
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.operation()).isEqualTo("StartContainer");
    assertThat(e).hasMessage("StartContainer: container \"abc\" went away");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void everyFailedPullIsAnImagePullError(Status.Code code, Class<? extends CriException> ignored) {
    CriException.ImagePull e = CriErrors.translatePull("127.0.0.1:5000/x:1",
        Status.fromCode(code).withDescription("failed to resolve reference").asRuntimeException());

    assertThat(e.image()).isEqualTo("127.0.0.1:5000/x:1");
    assertThat(e.code()).isEqualTo(code);
    assertThat(e).hasMessage("PullImage: failed to resolve reference");
  }
}
