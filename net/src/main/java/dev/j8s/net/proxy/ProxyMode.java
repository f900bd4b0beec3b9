package dev.j8s.net.proxy;

/** How the proxy serves Services, as kube-proxy's {@code --proxy-mode}. */
public enum ProxyMode {
    /** ClusterIPs and NodePorts DNATed by nftables (root); localhost NodePorts through userspace listeners. */
    NFTABLES,
    /** NodePorts through userspace listeners only; ClusterIPs are not routable. */
    USERSPACE,
    /** nftables when nft can be used here, else userspace. */
    AUTO;

    public static ProxyMode parse(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "nftables" -> NFTABLES;
            case "userspace" -> USERSPACE;
            case "auto", "" -> AUTO;
            default -> throw new IllegalArgumentException("unknown proxy mode " + text
                    + " (supported: nftables, userspace, auto)");
        };
    }
}
