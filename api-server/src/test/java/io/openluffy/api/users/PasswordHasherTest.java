package io.openluffy.api.users;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void argon2idWithAtLeastTheOwaspParametersAndARandomSalt() {
        String a = hasher.hash("correct horse battery staple");
        String b = hasher.hash("correct horse battery staple");
        assertThat(a).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(a).isNotEqualTo(b);
        assertThat(a).doesNotContain("correct horse");
    }

    @Test
    void verifiesOnlyTheExactPassword() {
        String hash = hasher.hash("correct horse battery staple");
        assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.verify("correct horse battery stapl", hash)).isFalse();
        assertThat(hasher.verify("correct horse battery staple ", hash)).isFalse();
        assertThat(hasher.verifyAgainstDummy("correct horse battery staple")).isFalse();
    }

    @Test
    void malformedHashesNeverMatch() {
        assertThat(hasher.verify("x", "")).isFalse();
        assertThat(hasher.verify("x", "$2b$12$abcdefghijklmnopqrstuv")).isFalse();
        assertThat(hasher.verify("x", "$argon2id$v=19$m=oops,t=2,p=1$c2FsdA$aGFzaA")).isFalse();
        assertThat(hasher.verify("x", "$argon2id$v=19$m=19456,t=2,p=1$!!!$aGFzaA")).isFalse();
    }
}
