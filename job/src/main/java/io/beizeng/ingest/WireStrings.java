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

    static void write(String s, DataOutputView out) throws IOException {
        if (s == null) {
            writeCount(NULL, out);
            return;
        }
        int length = s.length();
        if (isLatin1(s)) {
            writeCount(length << 2 | LATIN1, out);
            out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        } else {
            writeCount(length << 2 | UTF16, out);
            for (int i = 0; i < length; i++) {
                out.writeChar(s.charAt(i));
            }
        }
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

    // The same form in a byte array, for strings kept in memory as bytes (SeenIds): not null, and length < 2^29.

    /** The bytes {@link #encode} takes for {@code s}. */
    static int encodedSize(String s) {
        int length = s.length();
        boolean latin1 = isLatin1(s);
        return countSize(length << 2 | (latin1 ? LATIN1 : UTF16)) + (latin1 ? length : 2 * length);
    }

    /** Writes {@code s} at {@code at}, which has {@link #encodedSize} bytes of room; returns the end. */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) keeps each char's low byte: exact below 256
    static int encode(String s, byte[] to, int at) {
        int length = s.length();
        if (isLatin1(s)) {
            at = putCount(length << 2 | LATIN1, to, at);
            s.getBytes(0, length, to, at);
            return at + length;
        }
        at = putCount(length << 2 | UTF16, to, at);
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            to[at++] = (byte) (c >>> 8);
            to[at++] = (byte) c;
        }
        return at;
    }

    /** The size of the string encoded at {@code at}, header included. */
    static int sizeAt(byte[] from, int at) {
        int header = countAt(from, at);
        int length = header >>> 2;
        return countSize(header) + ((header & 3) == LATIN1 ? length : 2 * length);
    }

    /** Whether the string encoded at {@code at} has the characters of {@code s}. */
    static boolean equalsAt(byte[] from, int at, String s) {
        int header = countAt(from, at);
        int length = header >>> 2;
        if (length != s.length()) {
            return false;
        }
        int p = at + countSize(header);
        if ((header & 3) == LATIN1) {
            for (int i = 0; i < length; i++) {
                if ((from[p + i] & 0xFF) != s.charAt(i)) {
                    return false;
                }
            }
        } else {
            for (int i = 0; i < length; i++, p += 2) {
                if ((char) (from[p] << 8 | from[p + 1] & 0xFF) != s.charAt(i)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The string encoded at {@code at}. */
    static String decodeAt(byte[] from, int at) {
        int header = countAt(from, at);
        int length = header >>> 2;
        int p = at + countSize(header);
        if ((header & 3) == LATIN1) {
            return new String(from, p, length, StandardCharsets.ISO_8859_1);
        }
        char[] chars = new char[length];
        for (int i = 0; i < length; i++, p += 2) {
            chars[i] = (char) (from[p] << 8 | from[p + 1] & 0xFF);
        }
        return new String(chars);
    }

    private static int countSize(int count) {
        int size = 1;
        while ((count & ~0x7F) != 0) {
            count >>>= 7;
            size++;
        }
        return size;
    }

    private static int putCount(int count, byte[] to, int at) {
        while ((count & ~0x7F) != 0) {
            to[at++] = (byte) ((count & 0x7F) | 0x80);
            count >>>= 7;
        }
        to[at++] = (byte) count;
        return at;
    }

    private static int countAt(byte[] from, int at) {
        int count = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = from[at++];
            count |= (b & 0x7F) << shift;
            if (b >= 0) {
                return count;
            }
        }
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
