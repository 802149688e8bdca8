package io.openluffy.api.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * AES-256-GCM with a fresh random 96-bit nonce per encryption and the owner's binding as associated data, so a
 * ciphertext copied to another owner's row fails authentication instead of decrypting there.
 */
public final class SecretCipher {
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final KeyRing keys;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(KeyRing keys) {
        this.keys = keys;
    }

    public KeyRing keys() {
        return keys;
    }

    public Sealed seal(String plaintext, String binding) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        EncryptionKey key = keys.current();
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
            return new Sealed(key.id(), nonce, cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JRE", e);
        }
    }

    /** The plaintext, or an exception; GCM checks the tag before releasing any byte, so never a partial plaintext. */
    public String open(Sealed sealed, String binding) throws DecryptionException {
        EncryptionKey key = keys.byId(sealed.keyId()).orElseThrow(() -> new DecryptionException(
                "sealed under key id '" + sealed.keyId() + "', which is not configured (current key id '"
                        + keys.current().id() + "')"));
        if (sealed.nonce() == null || sealed.nonce().length != NONCE_BYTES) {
            throw new DecryptionException("malformed nonce");
        }
        if (sealed.ciphertext() == null || sealed.ciphertext().length < TAG_BITS / 8) {
            // shorter than the tag: the JDK provider would fail with an unchecked ProviderException
            throw new DecryptionException("malformed ciphertext");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new DecryptionException("authentication failed (tampered, copied from another owner, or wrong key)");
        } catch (GeneralSecurityException e) {
            throw new DecryptionException("malformed ciphertext");
        }
    }
}
