package io.openluffy.api.bench;

import io.openluffy.api.users.PasswordHasher;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The login limit: argon2id verifications per second with the server's own {@link PasswordHasher}, one instance for
 * every round as the server has one (so its reused blocks and its bound on concurrent hashes are the server's).
 */
final class HashRate {
  private static final String PASSWORD = "correct horse battery staple";

  private final PasswordHasher hasher = new PasswordHasher();
  private final String hash = hasher.hash(PASSWORD);

  /** Verifications per second, and CPU milliseconds each (this JVM does nothing else meanwhile). */
  record Result(double perSecond, double cpuMillisEach) {
  }

  /** Verifications on {@code threads} threads over {@code seconds}. */
  Result measure(int threads, double seconds) throws InterruptedException {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var done = new LongAdder();
    var stop = new AtomicBoolean();
    var finished = new CountDownLatch(threads);
    long start = System.nanoTime();
    long cpuStart = os.getProcessCpuTime();
    for (int i = 0; i < threads; i++) {
      new Thread(() -> {
        while (!stop.get()) {
          if (!hasher.verify(PASSWORD, hash)) {
            throw new IllegalStateException("argon2id verification failed");
          }
          done.increment();
        }
        finished.countDown();
      }, "argon2id-" + i).start();
    }
    Thread.sleep((long) (seconds * 1000));
    stop.set(true);
    finished.await();
    long hashes = done.sum();
    return new Result(hashes / ((System.nanoTime() - start) / 1e9), (os.getProcessCpuTime() - cpuStart) / 1e6 / hashes);
  }
}
