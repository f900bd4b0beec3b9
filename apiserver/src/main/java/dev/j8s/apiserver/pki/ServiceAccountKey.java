package dev.j8s.apiserver.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key pair that signs service-account tokens (kube-apiserver's --service-account-signing-key-file and
 * --service-account-key-file in one): RSA 2048 in {@code sa.key}, created once and reused, so tokens stay valid
 * across restarts. The key id is what Kubernetes puts in a token's {@code kid} header and the JWKS: the unpadded
 * base64url SHA-256 of the public key's PKIX (DER) encoding.
 */
public record ServiceAccountKey(RSAPrivateCrtKey privateKey, RSAPublicKey publicKey, String keyId) {

    static final String FILE_NAME = "sa.key";
    private static final Logger LOG = LoggerFactory.getLogger(ServiceAccountKey.class);

    /** Loads {@code dir/sa.key} or creates it. */
    public static ServiceAccountKey loadOrCreate(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            try {
                return of(Pem.parsePrivateKey(Files.readString(file, StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        LOG.info("Creating the service-account signing key {}", file);
        ServiceAccountKey created = generate();
        PrivateFiles.write(file, Pem.privateKey(created.privateKey()));
        return created;
    }

    /**
     * One in-memory key for the whole process, made on first use: for servers started without a PKI directory
     * (tests), which then need not each wait for an RSA key of their own.
     */
    public static ServiceAccountKey processWide() {
        return ProcessWide.KEY;
    }

    private static final class ProcessWide {
        static final ServiceAccountKey KEY = generate();
    }

    /** A new key that lives only in memory. */
    public static ServiceAccountKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return of(pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot create an RSA key", e);
        }
    }

    private static ServiceAccountKey of(java.security.PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new PkiException("the service-account signing key must be an RSA key, not " + key.getAlgorithm());
        }
        try {
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            return new ServiceAccountKey(rsa, publicKey, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot derive the public key of the service-account signing key", e);
        }
    }
}
