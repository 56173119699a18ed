package io.beizeng.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class WireStringsTest {
    @Test
    void everyStringReadsBackEqualInSequence() throws Exception {
        List<String> strings = strings();
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (String s : strings) {
            WireStrings.write(s, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (String s : strings) {
            assertThat(WireStrings.read(in)).isEqualTo(s);
        }
        assertThat(in.available()).isZero();
    }

    /**
     * The form in a byte array (the dedupe's tables) is the form on the wire, byte for byte, so a table's bytes can
     * be written to a checkpoint as they are; each string decodes back, and equals only itself.
     */
    @Test
    void theFormInAnArrayIsTheFormOnTheWire() throws Exception {
        List<String> strings = strings();
        strings.remove(null);
        int total = 0;
        for (String s : strings) {
            total += WireStrings.size(WireStrings.header(s));
        }
        byte[] array = new byte[total];
        int[] starts = new int[strings.size()];
        int end = 0;
        for (int i = 0; i < strings.size(); i++) {
            starts[i] = end;
            int header = WireStrings.header(strings.get(i));
            end = WireStrings.encode(strings.get(i), header, array, end);
            assertThat(end - starts[i]).isEqualTo(WireStrings.size(header));
        }
        assertThat(end).isEqualTo(total);
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (String s : strings) {
            WireStrings.write(s, out);
        }
        assertThat(array).isEqualTo(out.getCopyOfBuffer());
        for (int i = 0; i < strings.size(); i++) {
            String s = strings.get(i);
            assertThat(WireStrings.sizeAt(array, starts[i])).isEqualTo(WireStrings.size(WireStrings.header(s)));
            assertThat(WireStrings.decodeAt(array, starts[i])).isEqualTo(s);
            assertThat(WireStrings.equalsAt(array, starts[i], s)).isTrue();
            String next = strings.get((i + 1) % strings.size());
            assertThat(WireStrings.equalsAt(array, starts[i], next)).as(s + " / " + next).isEqualTo(s.equals(next));
            // same length, one character off in its high byte (the one byte the form keeps when it is below 256)
            if (!s.isEmpty()) {
                String off = s.substring(0, s.length() - 1) + (char) (s.charAt(s.length() - 1) ^ 0x100);
                assertThat(WireStrings.equalsAt(array, starts[i], off)).isFalse();
            }
        }
    }

    /**
     * The form byte for byte, worked out by hand from its description (a header of length << 2 | form in 7-bit
     * groups, low first; then a byte or two per character): checkpoints of earlier builds hold it, so it must not
     * change.
     */
    @Test
    void theFormIsTheOneEarlierCheckpointsHold() throws Exception {
        assertThat(onTheWire(null)).containsExactly(0);
        assertThat(onTheWire("")).containsExactly(1);
        assertThat(onTheWire("p-1")).containsExactly(13, 'p', '-', '1');
        assertThat(onTheWire("\u00ff")).containsExactly(5, 0xFF);
        assertThat(onTheWire("枣")).containsExactly(6, 0x67, 0xA3); // U+67A3
        byte[] long128 = onTheWire("y".repeat(128)); // header 513 = 0b100_0000001
        assertThat(long128).hasSize(130).startsWith((byte) 0x81, (byte) 0x04);
        assertThat(long128[129]).isEqualTo((byte) 'y');
    }

    private static byte[] onTheWire(String s) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(16);
        WireStrings.write(s, out);
        return out.getCopyOfBuffer();
    }

    /** Null, edge cases of each form and of the header's length, then random strings. */
    private static List<String> strings() {
        Random random = new Random(3);
        List<String> strings = new ArrayList<>();
        strings.add(null);
        strings.add("");
        strings.add("p-7-123456");
        strings.add("\u00ff\u0000\u0080");
        strings.add("枣庄-滕州");
        strings.add("lone \uD800 and \uDFFF, a pair \uD83D\uDE00");
        strings.add("y".repeat(127));
        strings.add("y".repeat(128));
        strings.add("z".repeat(70_000));
        for (int i = 0; i < 2_000; i++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(40);
            // mostly ASCII, sometimes Latin-1, sometimes any char (surrogates alone included)
            int range = random.nextInt(3) == 0 ? 0x10000 : random.nextBoolean() ? 0x100 : 0x80;
            for (int c = 0; c < length; c++) {
                b.append((char) random.nextInt(range));
            }
            strings.add(b.toString());
        }
        return strings;
    }

    @Test
    void countsOfAnySizeReadBack() throws Exception {
        int[] counts = {0, 1, 127, 128, 16_383, 16_384, 1 << 28, Integer.MAX_VALUE};
        DataOutputSerializer out = new DataOutputSerializer(16);
        for (int c : counts) {
            WireStrings.writeCount(c, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (int c : counts) {
            assertThat(WireStrings.readCount(in)).isEqualTo(c);
        }
        // one byte up to 127, two up to 16,383
        assertThat(out.length()).isEqualTo(1 + 1 + 1 + 2 + 2 + 3 + 5 + 5);
    }
}
