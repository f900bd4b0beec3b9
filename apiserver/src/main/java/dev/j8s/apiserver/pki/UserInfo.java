package dev.j8s.apiserver.pki;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** Who made a request, from the verified TLS client certificate: CN = user, O = groups. */
public record UserInfo(String name, List<String> groups) {

    public UserInfo {
        groups = List.copyOf(groups);
    }

    /**
     * Matches Kubernetes' x509 authenticator: the subject's common name is the user name and each organization a group,
     * in certificate order; a certificate without a common name authenticates nobody. The caller must have verified
     * the chain (the TLS handshake does).
     */
    public static Optional<UserInfo> fromCertificate(X509Certificate cert) {
        X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        List<String> commonNames = values(subject, BCStyle.CN);
        if (commonNames.isEmpty() || commonNames.getFirst().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UserInfo(commonNames.getFirst(), values(subject, BCStyle.O)));
    }

    private static List<String> values(X500Name name, ASN1ObjectIdentifier type) {
        List<String> values = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                if (attribute.getType().equals(type)) {
                    // The raw string: IETFUtils would escape ',', '+' and '=' the way an RFC 4514 DN prints them.
                    values.add(attribute.getValue() instanceof ASN1String text
                            ? text.getString()
                            : IETFUtils.valueToString(attribute.getValue()));
                }
            }
        }
        return values;
    }
}
