package dev.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ResourceType;
import dev.j8s.apiserver.http.ApiRequest;

/**
 * A CertificateSigningRequest names who asked for it: on create the server overwrites
 * {@code spec.username}, {@code uid}, {@code groups} and {@code extra} with the requesting user
 * (Kubernetes' csr strategy PrepareForCreate), so nobody can request a certificate in another's name.
 */
final class CertificateSigningRequests {

    private static final String AUTHENTICATED = "system:authenticated";

    private CertificateSigningRequests() {}

    static boolean handles(ResourceType type) {
        return type.group().equals("certificates.k8s.io") && type.kind().equals("CertificateSigningRequest");
    }

    static void stampRequester(ObjectNode csr, ApiRequest request) {
        ObjectNode spec = csr.withObjectProperty("spec");
        spec.remove("uid");
        spec.remove("extra");
        spec.remove("username");
        spec.remove("groups");
        if (request.user() == null) {
            return;
        }
        spec.put("username", request.user());
        ArrayNode groups = spec.putArray("groups");
        request.groups().forEach(groups::add);
        // Every authenticated request also belongs to system:authenticated (the authenticator's group adder).
        if (!request.groups().contains(AUTHENTICATED)) {
            groups.add(AUTHENTICATED);
        }
    }
}
