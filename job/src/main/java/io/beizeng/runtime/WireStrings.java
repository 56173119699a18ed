package io.beizeng.runtime;

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
 * virtual {@code write}, and the checkpoints' writes through other outputs make that call site megamorphic, which
 * costs a virtual call per character.
 */
public final class WireStrings {
    private static final int NULL = 0;
    private static final int LATIN1 = 1;
    private static final int UTF16 = 2;

    private WireStrings() {}

    public static void write(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.writeByte(NULL);
            return;
        }
        int header = header(s);
        byte[] form = new byte[size(header)];
        encode(s, header, form, 0);
        out.write(form);
    }

    public static String read(DataInputView in) throws IOException {
        int header = readCount(in);
        int form = header & 3;
        if (form == NULL) {
            return null;
        }
        if (form != LATIN1 && form != UTF16) {
            throw new IOException("corrupt string header " + header);
        }
        byte[] payload = new byte[payloadSize(header)];
        in.readFully(payload);
        return decode(header, payload, 0);
    }

    // The form in a byte array, which write sends as it is and SeenIds keeps its ids in: not null, length < 2^29.

    /**
     * The header of {@code s}'s form: its length and whether one byte per character holds it. It is what
     * {@link #size} and {@link #encode} take, so that an id is scanned once.
     */
    public static int header(String s) {
        int length = s.length();
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) > 0xFF) {
                return length << 2 | UTF16;
            }
        }
        return length << 2 | LATIN1;
    }

    /** The bytes {@link #encode} takes for a string of this {@link #header}. */
    public static int size(int header) {
        return countSize(header) + payloadSize(header);
    }

    /** Writes {@code s}, of this {@link #header}, at {@code at}, which has {@link #size} bytes of room; returns the end. */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) keeps each char's low byte: exact below 256
    public static int encode(String s, int header, byte[] to, int at) {
        int length = header >>> 2;
        at = putCount(header, to, at);
        if ((header & 3) == LATIN1) {
            s.getBytes(0, length, to, at);
            return at + length;
        }
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            to[at++] = (byte) (c >>> 8);
            to[at++] = (byte) c;
        }
        return at;
    }

    /** The size of the string encoded at {@code at}, header included. */
    public static int sizeAt(byte[] from, int at) {
        return size(countAt(from, at));
    }

    /** Whether the string encoded at {@code at} has the characters of {@code s}. */
    public static boolean equalsAt(byte[] from, int at, String s) {
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
    public static String decodeAt(byte[] from, int at) {
        int header = countAt(from, at);
        return decode(header, from, at + countSize(header));
    }

    /** The characters of a string of this header, whose payload (the bytes after the header) starts at {@code p}. */
    private static String decode(int header, byte[] from, int p) {
        int length = header >>> 2;
        if ((header & 3) == LATIN1) {
            return new String(from, p, length, StandardCharsets.ISO_8859_1);
        }
        char[] chars = new char[length];
        for (int i = 0; i < length; i++, p += 2) {
            chars[i] = (char) (from[p] << 8 | from[p + 1] & 0xFF);
        }
        return new String(chars);
    }

    private static int payloadSize(int header) {
        int length = header >>> 2;
        return (header & 3) == LATIN1 ? length : 2 * length;
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

    /** A non-negative count in 7-bit groups, low first, the high bit marking that another follows. */
    public static void writeCount(int count, DataOutputView out) throws IOException {
        byte[] bytes = new byte[5];
        out.write(bytes, 0, putCount(count, bytes, 0));
    }

    public static int readCount(DataInputView in) throws IOException {
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
