package dev.j8s.agent.runtime;

/**
 * Credentials for one registry, as an entry of a {@code kubernetes.io/dockerconfigjson} secret gives them
 * (CRI's AuthConfig).
 *
 * @param server the registry key of the entry, e.g. {@code 127.0.0.1:5000} or {@code https://index.docker.io/v1/}
 */
public record RegistryAuth(String server, String username, String password, String identityToken) {

    /** Whether these credentials are for the registry that {@code image} is pulled from. */
    public boolean matches(String image) {
        return serverHost(server).equals(imageHost(image));
    }

    /** The host[:port] of a registry key: {@code https://h:p/v1/} and {@code h:p} both give {@code h:p}. */
    static String serverHost(String server) {
        String s = server.replaceFirst("^[a-zA-Z]+://", "");
        int slash = s.indexOf('/');
        return normalise(slash < 0 ? s : s.substring(0, slash));
    }

    /** The registry (host[:port]) an image reference is pulled from; docker.io when it names none. */
    public static String registryOf(String image) {
        return imageHost(image);
    }

    /** The registry of an image reference: its first component when that names a host, else docker.io. */
    static String imageHost(String image) {
        int slash = image.indexOf('/');
        if (slash < 0) {
            return "docker.io";
        }
        String first = image.substring(0, slash);
        boolean host = first.contains(".") || first.contains(":") || first.equals("localhost");
        return host ? normalise(first) : "docker.io";
    }

    private static String normalise(String host) {
        return host.equals("index.docker.io") || host.equals("registry-1.docker.io") ? "docker.io" : host;
    }
}
