package dev.j8s.agent.runtime;

/** A container's imagePullPolicy (core/v1 PullPolicy). */
public enum ImagePullPolicy {
    ALWAYS, IF_NOT_PRESENT, NEVER;

    /**
     * The policy of a container: its own, else Kubernetes' default (SetDefaults_Container): Always for an
     * image tagged {@code :latest} or not tagged at all (and not pinned by digest), IfNotPresent otherwise.
     */
    public static ImagePullPolicy of(String policy, String image) {
        if (policy != null && !policy.isBlank()) {
            return switch (policy) {
                case "Always" -> ALWAYS;
                case "Never" -> NEVER;
                default -> IF_NOT_PRESENT;
            };
        }
        if (image == null || image.contains("@")) {
            return IF_NOT_PRESENT;
        }
        String last = image.substring(image.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        return colon < 0 || last.substring(colon + 1).equals("latest") ? ALWAYS : IF_NOT_PRESENT;
    }
}
