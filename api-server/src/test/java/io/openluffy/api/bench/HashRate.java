package io.openluffy.api.bench;

import io.openluffy.api.users.PasswordHasher;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/** The login limit: argon2id verifications per second with the server's own {@link PasswordHasher}. */
final class HashRate {

  private HashRate() {
  }

  /** Verifications per second, and CPU milliseconds each (this JVM does nothing else meanwhile). */
  record Result(double perSecond, double cpuMillisEach) {
  }

  /** Verifications on {@code threads} threads over {@code seconds}. */
  static Result measure(int threads, double seconds) throws InterruptedException {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var hasher = new PasswordHasher();
    String password = "correct horse battery staple";
    String hash = hasher.hash(password);
    var done = new LongAdder();
    var stop = new AtomicBoolean();
    var finished = new CountDownLatch(threads);
    long start = System.nanoTime();
    long cpuStart = os.getProcessCpuTime();
    for (int i = 0; i < threads; i++) {
      new Thread(() -> {
        while (!stop.get()) {
          if (!hasher.verify(password, hash)) {
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
