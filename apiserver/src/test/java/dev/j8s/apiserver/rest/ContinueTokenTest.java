package dev.j8s.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.j8s.api.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContinueTokenTest {

    @Test
    void roundTrips() {
        ContinueToken token = new ContinueToken(42, "/registry/core/configmaps/default/c7");
        assertThat(ContinueToken.decode(token.encode())).isEqualTo(token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "e30", "eyJ2IjoieCJ9", "%%%", "eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ"})
    void rejectsGarbageWithBadRequest(String token) {
        assertThatThrownBy(() -> ContinueToken.decode(token))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }
}
