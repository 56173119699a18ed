package io.beizeng.ingest;

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
        DataOutputSerializer out = new DataOutputSerializer(64);
        // every other string through a scratch array that starts too small for most of them
        byte[] scratch = new byte[1];
        for (int i = 0; i < strings.size(); i++) {
            if (i % 2 == 0) {
                WireStrings.write(strings.get(i), out);
            } else {
                scratch = WireStrings.write(strings.get(i), out, scratch);
            }
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (String s : strings) {
            assertThat(WireStrings.read(in)).isEqualTo(s);
        }
        assertThat(in.available()).isZero();
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
