package io.beizeng.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL from the embedded binaries on this classpath, on a free loopback port, data in the given directory.
 * Trust authentication on loopback: a throwaway local database with no password to keep or leak.
 */
public final class LocalPostgres implements AutoCloseable {
    private final Path dir;
    private EmbeddedPostgres postgres;

    public LocalPostgres(Path dir) {
        this.dir = dir;
    }

    public void start() throws Exception {
        Files.createDirectories(dir);
        String previous = System.getProperty("ot.epg.working-dir");
        System.setProperty("ot.epg.working-dir", dir.resolve("binaries").toString());
        try {
            postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(dir.resolve("binaries").toFile())
                    .setDataDirectory(dir.resolve("data"))
                    .setCleanDataDirectory(false)
                    .setPort(FreePort.find())
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "''")
                    .setServerConfig("fsync", "off")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } finally {
            if (previous == null) {
                System.clearProperty("ot.epg.working-dir");
            } else {
                System.setProperty("ot.epg.working-dir", previous);
            }
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** The {@code postgres} database; {@link #jdbcUrl(String)} for another. */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    @Override
    public void close() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }
}
