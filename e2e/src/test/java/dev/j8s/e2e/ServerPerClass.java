package dev.j8s.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A test class sharing one real j8s server and the pinned kubectl, stopped when the class is done. */
abstract class ServerPerClass {

    @TempDir
    static Path dir;

    static J8sProcess server;
    static Kubectl kubectl;

    @BeforeAll
    static void startServer() throws Exception {
        server = J8sProcess.start(dir.resolve("data"));
        kubectl = new Kubectl(Kubectl.pinned(), server.kubeconfig());
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }
}
