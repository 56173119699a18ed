package io.beizeng.sink;

import io.beizeng.model.SourceTopic;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Gives every source its row of {@code ingest_audit} before the job starts, at zero where it has none: a stream
 * that brings no record (a replay without its file, a topic still empty) is reported as such, not left out. An
 * existing row is left as it is (the job upserts full counts).
 */
public final class AuditRows {
    private static final String INSERT_ZERO = """
            INSERT INTO ingest_audit (source, received, accepted, duplicates, rejected, updated_at)
            VALUES (?, 0, 0, 0, 0, now())
            ON CONFLICT (source) DO NOTHING""";

    private AuditRows() {}

    public static void ensure(JdbcTarget target) throws SQLException {
        try (Connection c = target.connect(); PreparedStatement ps = c.prepareStatement(INSERT_ZERO)) {
            for (SourceTopic source : SourceTopic.values()) {
                ps.setString(1, source.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
