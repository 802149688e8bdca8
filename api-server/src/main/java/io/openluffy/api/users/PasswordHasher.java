package io.openluffy.api.users;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;

/**
 * argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), so the
 * parameters travel with each hash and can be raised later without invalidating stored ones.
 * Parameters follow OWASP's minimum for argon2id: 19 MiB memory, 2 iterations, 1 lane.
 */
public final class PasswordHasher {
    static final int MEMORY_KIB = 19_456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    /**
     * Each hash holds 19 MiB for its duration; bounding concurrent hashes keeps a burst of logins (or an attack)
     * from exhausting the heap. Requests beyond the bound wait their turn. Hashing is CPU-bound, so more than twice
     * the CPUs adds nothing; the cap of 8 keeps the heap bound independent of the host (a container without a CPU
     * limit sees every core of the node).
     */
    static final int MAX_CONCURRENT_HASHES = Math.min(8, Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));

    private final SecureRandom random = new SecureRandom();
    private final Semaphore concurrentHashes = new Semaphore(MAX_CONCURRENT_HASHES);
    /**
     * The 1 KiB blocks of finished hashes, cleared and handed to the next one instead of 19 MiB of new garbage per
     * hash (whose young collections copied the blocks of the hashes still running). It keeps at most what
     * {@link #MAX_CONCURRENT_HASHES} hashes use at once: 19 MiB each, at most 152 MiB, live for the process's life.
     */
    private final Argon2BytesGenerator.BlockPool blocks = new Argon2BytesGenerator.FixedBlockPool(
            MAX_CONCURRENT_HASHES * Argon2BytesGenerator.getBlockCount(MEMORY_KIB, PARALLELISM));
    /**
     * Verified against when the e-mail is unknown, so both failures cost the same time. Computed on first need, not
     * in the constructor: one argon2id hash in a cold JVM was a fifth of the server's start-up; {@link #prepare()}
     * computes it once the server is up, so even the first unknown-email login costs no more than a wrong password.
     */
    private volatile String dummyHash;

    /** Computes the dummy hash now if it is not there yet; safe to call from any thread, any number of times. */
    public void prepare() {
        dummyHash();
    }

    private String dummyHash() {
        String existing = dummyHash;
        if (existing != null) {
            return existing;
        }
        synchronized (this) {
            if (dummyHash == null) {
                dummyHash = hash("dummy password, never matches a real hash " + random.nextLong());
            }
            return dummyHash;
        }
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] out = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    /** Whether the password matches the stored hash; a malformed hash never matches. */
    public boolean verify(String password, String encoded) {
        String[] parts = encoded.split("\\$");
        // ["", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash]
        if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
            return false;
        }
        try {
            int m = 0;
            int t = 0;
            int p = 0;
            for (String kv : parts[3].split(",")) {
                int value = Integer.parseInt(kv.substring(2));
                switch (kv.substring(0, 2)) {
                    case "m=" -> m = value;
                    case "t=" -> t = value;
                    case "p=" -> p = value;
                    default -> {
                        return false;
                    }
                }
            }
            byte[] expected = B64D.decode(parts[5]);
            byte[] actual = derive(password, B64D.decode(parts[4]), m, t, p, expected.length);
            return MessageDigest.isEqual(expected, actual);
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            return false;
        }
    }

    /** Spends the same work as a real verification and fails: for unknown accounts. */
    public boolean verifyAgainstDummy(String password) {
        verify(password, dummyHash());
        return false;
    }

    private byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withBlockPool(blocks)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        concurrentHashes.acquireUninterruptibly();
        try {
            // the whole password, as UTF-8: nothing is truncated
            generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        } finally {
            concurrentHashes.release();
        }
        return out;
    }
}
