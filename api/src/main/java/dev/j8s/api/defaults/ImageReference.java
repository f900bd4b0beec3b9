package dev.j8s.api.defaults;

/** The tag part of an image reference, as Kubernetes' {@code parsers.ParseImageName} sees it. */
final class ImageReference {

    private ImageReference() {}

    /**
     * The tag of the reference: "latest" when it has neither tag nor digest, "" when it is
     * pinned by digest only.
     */
    static String tag(String image) {
        String name = image;
        String digest = "";
        int at = name.indexOf('@');
        if (at >= 0) {
            digest = name.substring(at + 1);
            name = name.substring(0, at);
        }
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        if (colon > slash) {
            return name.substring(colon + 1);
        }
        return digest.isEmpty() ? "latest" : "";
    }

    /** {@code SetDefaults_Container}: Always for :latest (or no tag), IfNotPresent otherwise. */
    static String defaultPullPolicy(String image) {
        return tag(image).equals("latest") ? "Always" : "IfNotPresent";
    }
}
