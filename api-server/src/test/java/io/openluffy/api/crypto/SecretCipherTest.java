package io.openluffy.api.crypto;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] oldKey = key();
    private final byte[] newKey = key();

    @Test
    void roundTripWithAFreshNonceEachTime() throws DecryptionException {
        SecretCipher cipher = new SecretCipher(KeyRing.of(newKey, null));
        Sealed first = cipher.seal("ghp_secret", "customer/1/github-token");
        Sealed second = cipher.seal("ghp_secret", "customer/1/github-token");
        assertThat(first.nonce()).hasSize(12).isNotEqualTo(second.nonce());
        assertThat(first.ciphertext()).hasSize("ghp_secret".length() + 16).isNotEqualTo(second.ciphertext());
        assertThat(first.keyId()).isEqualTo(EncryptionKey.of(newKey).id()).isNotEqualTo(EncryptionKey.of(oldKey).id());
        assertThat(cipher.open(first, "customer/1/github-token")).isEqualTo("ghp_secret");
        assertThat(first.toString()).doesNotContain("ghp");
    }

    @Test
    void anyFlippedByteOrOtherBindingFails() {
        SecretCipher cipher = new SecretCipher(KeyRing.of(newKey, null));
        Sealed sealed = cipher.seal("ghp_secret", "customer/1/github-token");
        for (int i = 0; i < sealed.nonce().length; i++) {
            byte[] nonce = sealed.nonce().clone();
            nonce[i] ^= 1;
            assertFails(cipher, new Sealed(sealed.keyId(), nonce, sealed.ciphertext()), "customer/1/github-token");
        }
        for (int i = 0; i < sealed.ciphertext().length; i++) { // ciphertext bytes, then the 16 tag bytes
            byte[] ciphertext = sealed.ciphertext().clone();
            ciphertext[i] ^= (byte) 0x80;
            assertFails(cipher, new Sealed(sealed.keyId(), sealed.nonce(), ciphertext), "customer/1/github-token");
        }
        assertFails(cipher, sealed, "customer/2/github-token");
        assertFails(cipher, new Sealed(sealed.keyId(), sealed.nonce(), new byte[3]), "customer/1/github-token");
    }

    @Test
    void previousKeyStillOpensWhatItSealedButNeverSeals() throws DecryptionException {
        Sealed underOld = new SecretCipher(KeyRing.of(oldKey, null)).seal("ghp_old", "b");
        SecretCipher rotating = new SecretCipher(KeyRing.of(newKey, oldKey));
        assertThat(rotating.open(underOld, "b")).isEqualTo("ghp_old");
        assertThat(rotating.seal("ghp_new", "b").keyId()).isEqualTo(EncryptionKey.of(newKey).id());

        SecretCipher withoutOld = new SecretCipher(KeyRing.of(newKey, null));
        assertThatThrownBy(() -> withoutOld.open(underOld, "b")).isInstanceOf(DecryptionException.class)
                .hasMessageContaining("not configured");
    }

    private static void assertFails(SecretCipher cipher, Sealed sealed, String binding) {
        assertThatThrownBy(() -> cipher.open(sealed, binding)).isInstanceOf(DecryptionException.class);
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }
}
