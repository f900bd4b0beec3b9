package dev.j8s.cli;

import dev.j8s.apiserver.http.RequestHandler;
import dev.j8s.client.KubeClient;
import dev.j8s.net.ingress.IngressController;
import dev.j8s.net.ingress.proxy.IngressServer;
import picocli.CommandLine.Option;

/**
 * The built-in ingress controller's options on {@code j8s server} (k3s runs Traefik there and turns it
 * off with {@code --disable traefik}; j8s says {@code --disable-ingress}).
 */
final class IngressOptions {

    @Option(names = "--ingress-http-port", defaultValue = "80", paramLabel = "P",
            description = "Plain HTTP port of the ingress proxy (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int httpPort;

    @Option(names = "--ingress-https-port", defaultValue = "443", paramLabel = "P",
            description = "HTTPS port of the ingress proxy (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int httpsPort;

    @Option(names = "--ingress-bind-address", defaultValue = "0.0.0.0", paramLabel = "IP",
            description = "Address the ingress proxy listens on (default: ${DEFAULT-VALUE}).")
    String bindAddress;

    @Option(names = "--disable-ingress", description = "Do not run the built-in ingress controller (IngressClass j8s).")
    boolean disabled;

    /**
     * Starts the ingress controller as an in-process client of the API, or returns null when disabled.
     * A port that cannot be bound (another proxy already on :80) stops only the ingress, with a message.
     *
     * @param nodeIp the address Ingress status reports when the proxy listens on every address; may be null
     */
    IngressController start(RequestHandler api, String nodeIp) throws InterruptedException {
        if (disabled) {
            return null;
        }
        boolean wildcard = bindAddress.equals("0.0.0.0") || bindAddress.equals("::");
        String advertise = !wildcard ? bindAddress : nodeIp != null ? nodeIp : "127.0.0.1";
        KubeClient client = new KubeClient(new InProcessTransport(api, "system:j8s-ingress", "j8s-ingress"));
        IngressController controller = new IngressController(client, new IngressController.Options(
                IngressServer.Config.defaults(bindAddress, httpPort, httpsPort), advertise));
        try {
            controller.start();
        } catch (InterruptedException e) {
            controller.close();
            throw e;
        } catch (Exception e) { // Netty rethrows a failed bind's IOException undeclared
            controller.close();
            client.close();
            String message = "j8s: ingress not started (" + bindAddress + ":" + httpPort + "/" + httpsPort + "): "
                    + e.getMessage() + "; use --ingress-http-port/--ingress-https-port or --disable-ingress";
            System.out.println(message);
            return null;
        }
        System.out.println("j8s ingress: http " + bindAddress + ":" + controller.httpPort() + ", https "
                + bindAddress + ":" + controller.httpsPort());
        return controller;
    }
}
