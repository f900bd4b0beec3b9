package dev.j8s.api.openapi;

import java.util.List;

/** The success codes kube-apiserver documents per operation kind. */
final class ResponseCodes {

    private ResponseCodes() {}

    static List<String> of(ApiOperation op) {
        if (!op.created()) {
            return List.of("200");
        }
        return switch (op.method()) {
            case "post" -> List.of("200", "201", "202");
            case "delete" -> List.of("200", "202");
            default -> List.of("200", "201");
        };
    }

    static String text(String code) {
        return switch (code) {
            case "201" -> "Created";
            case "202" -> "Accepted";
            default -> "OK";
        };
    }
}
