package io.openluffy.operator.scripts;

import java.io.IOException;

/** Several tables and many rows, shaped like an OpenLuffy database: a few users, more customers, a long audit log. */
final class TestData {

  static final String[] TABLES = {"users", "customers", "audit"};

  private TestData() {
  }

  static void load(ScratchPostgres postgres) throws IOException, InterruptedException {
    postgres.sql("""
        CREATE TABLE users (id bigint PRIMARY KEY, email text UNIQUE NOT NULL, role text NOT NULL);
        INSERT INTO users SELECT g, 'user' || g || '@example.com', CASE WHEN g % 10 = 0 THEN 'admin' ELSE 'viewer' END
          FROM generate_series(1, 2000) g;
        CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL, owner bigint REFERENCES users (id));
        INSERT INTO customers SELECT g, 'customer ' || md5(g::text), 1 + g % 2000 FROM generate_series(1, 20000) g;
        CREATE TABLE audit (id bigint PRIMARY KEY, at timestamptz NOT NULL, actor bigint, detail text);
        INSERT INTO audit SELECT g, timestamptz '2026-01-01' + g * interval '1 second', 1 + g % 2000,
          md5(g::text) || md5((g * 7)::text) FROM generate_series(1, 150000) g;
        CREATE INDEX audit_at ON audit (at);
        """);
  }

  /** md5 of every table's rows in key order: equal before a dump and after its restore. */
  static String checksums(ScratchPostgres postgres) throws IOException, InterruptedException {
    var sql = new StringBuilder();
    for (String table : TABLES) {
      if (sql.length() > 0) {
        sql.append(" UNION ALL ");
      }
      sql.append("SELECT '").append(table).append("', count(*), md5(string_agg(t::text, ',' ORDER BY id)) FROM ")
          .append(table).append(" t");
    }
    return postgres.sql(sql.toString());
  }
}
