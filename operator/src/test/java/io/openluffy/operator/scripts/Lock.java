package io.openluffy.operator.scripts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Another session holding locks (ACCESS EXCLUSIVE on a table: a migration, a VACUUM FULL) until closed. */
final class Lock implements AutoCloseable {

  private final Process session;

  private Lock(Process session) {
    this.session = session;
  }

  static Lock exclusive(ScratchPostgres postgres, String table) throws IOException, InterruptedException {
    return holding(postgres, "LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
  }

  /** A transaction left open after {@code statement}, holding whatever locks it took. */
  static Lock holding(ScratchPostgres postgres, String statement) throws IOException, InterruptedException {
    Process session = postgres.session();
    var in = session.getOutputStream();
    in.write(("BEGIN; " + statement + "; SELECT 'locked';\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
    var out = session.getInputStream();
    var seen = new StringBuilder();
    while (!seen.toString().contains("locked")) {
      int c = out.read();
      if (c < 0) {
        throw new IllegalStateException("the locking session ended: " + seen);
      }
      seen.append((char) c);
    }
    return new Lock(session);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    session.getOutputStream().close();
    session.waitFor();
  }
}
