package dev.j8s.apiserver.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A certificate and its key as two PEM files, NAME.crt and NAME.key (both mode 0600). */
record CertificateFiles(Path certFile, Path keyFile) {

    static CertificateFiles in(Path dir, String name) {
        return new CertificateFiles(dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
    }

    boolean certificateExists() {
        return Files.exists(certFile);
    }

    /** Both files, or empty when either is missing. */
    Optional<IssuedCert> read() {
        if (!Files.exists(certFile) || !Files.exists(keyFile)) {
            return Optional.empty();
        }
        String certPem = readString(certFile);
        String keyPem = readString(keyFile);
        return Optional.of(new IssuedCert(Pem.parseCertificate(certPem), Pem.parsePrivateKey(keyPem), certPem, keyPem));
    }

    /**
     * Key first, certificate second: the certificate's presence marks a complete pair, and a crash in between leaves
     * a key that does not match the old certificate, which {@link ClusterPki} detects and replaces.
     */
    IssuedCert write(IssuedCert issued) {
        PrivateFiles.write(keyFile, issued.keyPem());
        PrivateFiles.write(certFile, issued.certPem());
        return issued;
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
