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
    }

    /** An unknown e-mail must cost what a wrong password costs: the dummy check is a full argon2id verification. */
    @Test
    void theDummyCheckCostsAsMuchAsARealOne() {
        String hash = hasher.hash("correct horse battery staple");
        hasher.prepare();
        long verify = Long.MAX_VALUE;
        long dummy = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            hasher.verify("wrong password", hash);
            verify = Math.min(verify, System.nanoTime() - start);
            start = System.nanoTime();
            assertThat(hasher.verifyAgainstDummy("wrong password")).isFalse();
            dummy = Math.min(dummy, System.nanoTime() - start);
        }
        // the fastest of three each, so that load on the machine slows both alike; without the hash it is ~1000x less
        assertThat(dummy).as("dummy %d ns, verify %d ns", dummy, verify).isGreaterThan(verify / 3);
    }

    @Test
    void malformedHashesNeverMatch() {
        assertThat(hasher.verify("x", "")).isFalse();
        assertThat(hasher.verify("x", "$2b$12$abcdefghijklmnopqrstuv")).isFalse();
        assertThat(hasher.verify("x", "$argon2id$v=19$m=oops,t=2,p=1$c2FsdA$aGFzaA")).isFalse();
        assertThat(hasher.verify("x", "$argon2id$v=19$m=19456,t=2,p=1$!!!$aGFzaA")).isFalse();
    }
}
