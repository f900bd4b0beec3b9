package dev.j8s.apiserver.serviceaccount;

import java.util.List;

/** How Kubernetes names a service account as a user (pkg/serviceaccount util): user name, groups, claims. */
public final class ServiceAccountNames {

    public static final String USER_PREFIX = "system:serviceaccount:";
    public static final String ALL_GROUP = "system:serviceaccounts";
    /** The issuer kube-apiserver's deployments (kubeadm, k3s) pass as --service-account-issuer. */
    public static final String DEFAULT_ISSUER = "https://kubernetes.default.svc.cluster.local";
    /** The issuer of the legacy tokens kept in Secrets of type kubernetes.io/service-account-token. */
    public static final String LEGACY_ISSUER = "kubernetes/serviceaccount";

    private ServiceAccountNames() {}

    public static String userName(String namespace, String name) {
        return USER_PREFIX + namespace + ":" + name;
    }

    /** The groups every service account is in, with system:authenticated as the authenticator adds it. */
    public static List<String> groups(String namespace) {
        return List.of(ALL_GROUP, ALL_GROUP + ":" + namespace, "system:authenticated");
    }
}
