package io.beizeng.model;

import java.math.BigDecimal;

/** FNV-1a style 64-bit content fingerprint, built field by field. */
public final class Fingerprint {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private long hash = OFFSET;

    public Fingerprint add(String value) {
        if (value == null) {
            return add(-1L);
        }
        for (int i = 0; i < value.length(); i++) {
            hash = (hash ^ value.charAt(i)) * PRIME;
        }
        return add((long) value.length());
    }

    public Fingerprint add(long value) {
        for (int i = 0; i < 8; i++) {
            hash = (hash ^ ((value >>> (8 * i)) & 0xff)) * PRIME;
        }
        return this;
    }

    public Fingerprint add(BigDecimal value) {
        return add(value == null ? null : value.stripTrailingZeros().toPlainString());
    }

    public Fingerprint add(Enum<?> value) {
        return add(value == null ? null : value.name());
    }

    public Fingerprint add(Boolean value) {
        return add(value == null ? -1L : value ? 1L : 0L);
    }

    public long value() {
        return hash;
    }
}
