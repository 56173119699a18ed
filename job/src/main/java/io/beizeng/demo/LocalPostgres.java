package io.beizeng.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL from the embedded binaries in this jar, on a free loopback port, data in the demo's directory.
 * Trust authentication on loopback: a throwaway local database with no password to keep or leak.
 */
final class DemoDatabase implements AutoCloseable {
    private final Path dir;
    private EmbeddedPostgres postgres;

    DemoDatabase(Path dir) {
        this.dir = dir;
    }

    void start() throws Exception {
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

    int port() {
        return postgres.getPort();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
    }

    @Override
    public void close() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }
}
