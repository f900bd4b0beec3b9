package dev.j8s.agent.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;

/**
 * The Status an exec or attach ends with on the error channel, as client-go's remotecommand reads it:
 * Success, or NonZeroExitCode with the exit code as an ExitCode cause (kubectl exits with that code).
 */
final class ExecStatus {

    private ExecStatus() {}

    static byte[] exited(int code) {
        ObjectNode status = Json.object();
        status.putObject("metadata");
        if (code == 0) {
            status.put("status", "Success");
            return Json.bytes(status);
        }
        status.put("status", "Failure");
        status.put("message", "command terminated with non-zero exit code: exit status " + code);
        status.put("reason", "NonZeroExitCode");
        status.putObject("details").putArray("causes").addObject()
                .put("reason", "ExitCode").put("message", Integer.toString(code));
        return Json.bytes(status);
    }

    static byte[] failed(String message) {
        ObjectNode status = Json.object();
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", "InternalError");
        status.put("code", 500);
        return Json.bytes(status);
    }
}
