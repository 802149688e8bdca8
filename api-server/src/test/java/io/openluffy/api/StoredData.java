package io.openluffy.api;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Looks for a secret in everything the database stores: every table's rows, and the raw files of the cluster. */
final class StoredData {
    private StoredData() {
    }

    /** Tables of the public schema whose rows, as text, contain {@code needle}. */
    static List<String> tablesContaining(DataSource ds, String needle) throws SQLException {
        List<String> hits = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                // a row's text form covers every column; bytea shows as hex, so search the hex form of the secret too
                try (ResultSet rs = s.executeQuery("SELECT t::text FROM " + table + " t")) {
                    while (rs.next()) {
                        String row = rs.getString(1);
                        if (row.contains(needle) || row.contains(hex(needle))) {
                            hits.add(table);
                        }
                    }
                }
            }
        }
        return hits;
    }

    /** Files under {@code dir} (heap files, WAL, ...) containing the UTF-8 bytes of {@code needle}. */
    static List<Path> filesContaining(Path dir, String needle) {
        byte[] pattern = needle.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> contains(read(f), pattern)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flushes everything to the data files, so that a scan of the files sees every row written so far. */
    static void checkpoint(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            // postmaster.pid and friends can vanish while walking
            return new byte[0];
        }
    }

    private static boolean contains(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String hex(String s) {
        return java.util.HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }
}
