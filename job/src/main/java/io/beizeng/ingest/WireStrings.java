package io.beizeng.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Strings of records in flight ({@link ProductionEventSerializer}), each written as one block: a variable-length
 * header (length and form), then one byte per character when every character is below 256 — ids and positions
 * nearly always are — or two otherwise. Any string, lone surrogates included, reads back equal.
 *
 * <p>Why not Flink's {@code StringValue.writeString}: it writes character by character through the output's
 * virtual {@code write}, and the checkpoints' writes through other outputs made that call site megamorphic; once
 * recompiled so, it was 39 % of the dedupe task's samples in one hourly replay.
 */
final class WireStrings {
    private static final int NULL = 0;
    private static final int LATIN1 = 1;
    private static final int UTF16 = 2;

    private WireStrings() {}

    private static final byte[] NO_SCRATCH = new byte[0];

    static void write(String s, DataOutputView out) throws IOException {
        write(s, out, NO_SCRATCH);
    }

    /**
     * As {@link #write(String, DataOutputView)}, copying the characters through {@code scratch} (when it is too
     * small, through a new array); returns the array to pass next time.
     */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) keeps each char's low byte: exact below 256
    static byte[] write(String s, DataOutputView out, byte[] scratch) throws IOException {
        if (s == null) {
            writeCount(NULL, out);
            return scratch;
        }
        int length = s.length();
        if (isLatin1(s)) {
            writeCount(length << 2 | LATIN1, out);
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, 2 * scratch.length)];
            }
            s.getBytes(0, length, scratch, 0);
            out.write(scratch, 0, length);
        } else {
            writeCount(length << 2 | UTF16, out);
            for (int i = 0; i < length; i++) {
                out.writeChar(s.charAt(i));
            }
        }
        return scratch;
    }

    static String read(DataInputView in) throws IOException {
        int header = readCount(in);
        int form = header & 3;
        int length = header >>> 2;
        if (form == NULL) {
            return null;
        }
        if (form == LATIN1) {
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        if (form != UTF16) {
            throw new IOException("corrupt string header " + header);
        }
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = in.readChar();
        }
        return new String(chars);
    }

    private static boolean isLatin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    /** A non-negative count in 7-bit groups, low first, the high bit marking that another follows. */
    static void writeCount(int count, DataOutputView out) throws IOException {
        while ((count & ~0x7F) != 0) {
            out.writeByte((count & 0x7F) | 0x80);
            count >>>= 7;
        }
        out.writeByte(count);
    }

    static int readCount(DataInputView in) throws IOException {
        int count = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.readByte();
            count |= (b & 0x7F) << shift;
            if (b >= 0) {
                return count;
            }
        }
    }
}
