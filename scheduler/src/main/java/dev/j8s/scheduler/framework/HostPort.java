package dev.j8s.scheduler.framework;

/** A host port a container asks for, normalized as Kubernetes' HostPortInfo (0.0.0.0, TCP defaults). */
public record HostPort(String ip, String protocol, int port) {

    public static final String ANY_IP = "0.0.0.0";

    public static HostPort of(String ip, String protocol, int port) {
        return new HostPort(ip == null || ip.isEmpty() ? ANY_IP : ip,
                protocol == null || protocol.isEmpty() ? "TCP" : protocol, port);
    }
}
