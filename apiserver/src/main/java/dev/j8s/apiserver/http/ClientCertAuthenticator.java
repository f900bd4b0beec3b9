package dev.j8s.apiserver.http;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * x509 client-certificate authentication as kube-apiserver does it: the certificate was already
 * verified against the cluster CA by the TLS handshake; the subject's CN is the user name and
 * each O is a group.
 */
public final class ClientCertAuthenticator {

    public record Identity(String user, List<String> groups) {}

    /** Returns the identity, or null for an anonymous request (no certificate). */
    public Identity identify(X509Certificate cert) {
        if (cert == null) {
            return null;
        }
        try {
            LdapName dn = new LdapName(cert.getSubjectX500Principal().getName());
            String cn = null;
            List<String> groups = new ArrayList<>();
            for (Rdn rdn : dn.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = rdn.getValue().toString();
                } else if (rdn.getType().equalsIgnoreCase("O")) {
                    groups.add(rdn.getValue().toString());
                }
            }
            if (cn == null) {
                return null;
            }
            groups.add("system:authenticated");
            return new Identity(cn, List.copyOf(groups));
        } catch (InvalidNameException e) {
            return null;
        }
    }
}
