package dev.j8s.net.proxy;

/** Where the proxy sends a connection: one endpoint address and its target port. */
public record Backend(String address, int port) {

    @Override
    public String toString() {
        return address + ":" + port;
    }
}
