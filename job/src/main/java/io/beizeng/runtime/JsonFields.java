package io.beizeng.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.beizeng.model.RejectReason;
import java.io.CharConversionException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.util.Set;

/**
 * The scalar top-level fields of one JSON object, read with Jackson's streaming parser (no tree): unknown fields
 * are skipped (forward compatibility), known fields are checked with the typed getters below, each of which
 * names the field and what is wrong with it.
 *
 * <p>The known fields are a handful of names, so their values sit in two small arrays in the order of the names,
 * found by comparing names (Jackson interns them, and so does the caller: mostly one reference comparison), not in
 * a hash map of boxed values: parsing is most of the source's work.
 */
public final class JsonFields {
    /** Records larger than this are rejected before parsing. */
    public static final int MAX_RECORD_BYTES = 1 << 20;

    // no STRICT_DUPLICATE_DETECTION: its detector keeps a HashSet of names per object; read() finds a repeated
    // top-level name itself
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxNumberLength(64)
                    .maxStringLength(MAX_RECORD_BYTES)
                    .build())
            .build();

    private static final BigDecimal AMOUNT_LIMIT = new BigDecimal("1E13");
    /** {@link #AMOUNT_LIMIT} in cents. */
    private static final long CENTS_LIMIT = 1_000_000_000_000_000L;
    private static final long[] POWERS_OF_TEN = {1, 10, 100};

    /** The names of the known fields, interned. */
    private final String[] names;
    /** Per known field, the token of its value (null: absent) and its text (null for null, objects and arrays). */
    private final JsonToken[] tokens;
    private final String[] texts;
    /** The last number {@link #plainDecimal} read. */
    private long plainUnscaled;
    private int plainScale;

    private JsonFields(String[] names) {
        this.names = names;
        this.tokens = new JsonToken[names.length];
        this.texts = new String[names.length];
    }

    /** The names a parser knows, interned, in the form {@link #read} takes them. */
    public static String[] knownNames(Set<String> known) {
        return known.stream().map(String::intern).toArray(String[]::new);
    }

    /**
     * Reads {@code payload} as one JSON object; anything else is MALFORMED_JSON.
     *
     * @param known the fields to keep, from {@link #knownNames}
     */
    public static JsonFields read(byte[] payload, String[] known) throws InvalidRecordException {
        if (payload == null || payload.length == 0) {
            throw new InvalidRecordException(RejectReason.MALFORMED_JSON, "empty record");
        }
        if (payload.length > MAX_RECORD_BYTES) {
            throw new InvalidRecordException(RejectReason.MALFORMED_JSON,
                    "record of " + payload.length + " bytes exceeds the limit of " + MAX_RECORD_BYTES + " bytes");
        }
        JsonFields fields = new JsonFields(known);
        try (JsonParser p = JSON.createParser(payload)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidRecordException(RejectReason.MALFORMED_JSON,
                        "expected a JSON object, found " + describe(first));
            }
            JsonToken t;
            // the unknown names met so far, to find a repeated one; few or none in a record
            String[] unknown = null;
            int unknownCount = 0;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                int i = fields.indexOf(name);
                if (i >= 0 ? fields.tokens[i] != null : indexAmong(unknown, unknownCount, name) >= 0) {
                    throw new InvalidRecordException(RejectReason.MALFORMED_JSON,
                            "field '" + name + "' appears twice" + locationOf(p));
                }
                JsonToken v = p.nextToken();
                if (i < 0) {
                    if (unknown == null) {
                        unknown = new String[4];
                    } else if (unknownCount == unknown.length) {
                        unknown = java.util.Arrays.copyOf(unknown, 2 * unknownCount);
                    }
                    unknown[unknownCount++] = name;
                    p.skipChildren();
                } else if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    fields.tokens[i] = v;
                } else {
                    fields.tokens[i] = v;
                    fields.texts[i] = v == JsonToken.VALUE_NULL ? null : p.getText();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new InvalidRecordException(RejectReason.MALFORMED_JSON, "unexpected end of the object");
            }
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw new InvalidRecordException(RejectReason.MALFORMED_JSON,
                        "trailing content after the object: " + describe(trailing));
            }
        } catch (StreamConstraintsException e) {
            throw new InvalidRecordException(RejectReason.MALFORMED_JSON, firstLine(e.getOriginalMessage()));
        } catch (CharConversionException e) {
            throw new InvalidRecordException(RejectReason.MALFORMED_JSON, "invalid UTF-8: " + firstLine(e.getMessage()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidRecordException(RejectReason.MALFORMED_JSON,
                    firstLine(e.getOriginalMessage()) + locationOf(e));
        } catch (IOException e) {
            throw new InvalidRecordException(RejectReason.MALFORMED_JSON, firstLine(e.getMessage()));
        }
        return fields;
    }

    /** The position of {@code name} among the first {@code count} of {@code names}, or -1. */
    private static int indexAmong(String[] names, int count, String name) {
        for (int i = 0; i < count; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String locationOf(JsonParser p) {
        return " (at byte " + p.currentTokenLocation().getByteOffset() + ")";
    }

    /** The position of {@code name} among the known fields, or -1. */
    private int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i] == name) {
                return i;
            }
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The position of a known field: a getter asked for any other name is a bug of its parser. */
    private int slot(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("'" + name + "' is not among the known fields");
        }
        return i;
    }

    private static String locationOf(com.fasterxml.jackson.core.JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (at byte " + e.getLocation().getByteOffset() + ")";
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "end of input";
        }
        return switch (t) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "another object";
            default -> t.name();
        };
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable JSON";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    public boolean has(String name) {
        JsonToken t = tokens[slot(name)];
        return t != null && t != JsonToken.VALUE_NULL;
    }

    public String string(String name, int minLength, int maxLength) throws InvalidRecordException {
        String s = optionalString(name, minLength, maxLength);
        if (s == null) {
            throw missing(name);
        }
        return s;
    }

    public String optionalString(String name, int minLength, int maxLength) throws InvalidRecordException {
        int i = slot(name);
        JsonToken t = tokens[i];
        if (t == null || t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw wrongType(name, "a string", t);
        }
        String text = texts[i];
        int len = text.codePointCount(0, text.length());
        if (len < minLength || len > maxLength || text.isBlank()) {
            throw violation(name, "length " + len + " is outside " + minLength + "–" + maxLength
                    + (text.isBlank() && len > 0 ? " (blank)" : ""));
        }
        return text;
    }

    public <T extends Enum<T>> T enumValue(String name, Class<T> type) throws InvalidRecordException {
        T value = optionalEnum(name, type);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    public <T extends Enum<T>> T optionalEnum(String name, Class<T> type) throws InvalidRecordException {
        String s = optionalString(name, 1, 64);
        if (s == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            throw violation(name, "unknown value '" + s + "' (expected one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ")");
        }
    }

    /** An epoch-millisecond instant from an ISO-8601 date-time that carries its UTC offset. */
    public long timestamp(String name) throws InvalidRecordException {
        String s = string(name, 1, 64);
        try {
            return IsoTimestamps.epochMillis(s);
        } catch (DateTimeException e) {
            throw violation(name, "'" + s + "' is not an ISO-8601 date-time with offset "
                    + "(e.g. 2024-03-05T08:15:00+08:00)");
        } catch (ArithmeticException e) {
            throw violation(name, "'" + s + "' is out of range");
        }
    }

    /** A CNY amount in cents: a JSON number with at most 2 fraction digits and |value| < 10^13. */
    public Long optionalCents(String name) throws InvalidRecordException {
        int i = slot(name);
        if (isNumber(tokens[i]) && plainDecimal(texts[i]) && plainScale <= 2
                && Math.abs(plainUnscaled) < CENTS_LIMIT / POWERS_OF_TEN[2 - plainScale]) {
            return plainUnscaled * POWERS_OF_TEN[2 - plainScale];
        }
        // the general way, which also words what is wrong
        BigDecimal d = optionalDecimal(name);
        if (d == null) {
            return null;
        }
        if (d.scale() > 2) {
            throw violation(name, d.toString() + " has " + d.scale() + " fraction digits (at most 2)");
        }
        if (d.abs().compareTo(AMOUNT_LIMIT) >= 0) {
            throw violation(name, "|" + d.toPlainString() + "| is not below 10^13");
        }
        return d.movePointRight(2).longValueExact();
    }

    public long cents(String name) throws InvalidRecordException {
        Long c = optionalCents(name);
        if (c == null) {
            throw missing(name);
        }
        return c;
    }

    public BigDecimal optionalDecimal(String name) throws InvalidRecordException {
        int i = slot(name);
        JsonToken t = tokens[i];
        if (t == null || t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!isNumber(t)) {
            throw wrongType(name, "a number", t);
        }
        String text = texts[i];
        if (plainDecimal(text)) {
            return BigDecimal.valueOf(plainUnscaled, plainScale);
        }
        BigDecimal d;
        try {
            d = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw violation(name, "'" + text + "' is not a decimal number");
        }
        if (d.scale() < -20) {
            throw violation(name, text + " is out of range");
        }
        return d;
    }

    private static boolean isNumber(JsonToken t) {
        return t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
    }

    /**
     * Reads a JSON number without exponent and of at most 18 digits (every amount in practice) into
     * {@link #plainUnscaled} and {@link #plainScale}, the value {@code new BigDecimal(text)} has, without building
     * it (a production event has several amounts; BigDecimal's string parser is slow). False for any other text.
     */
    private boolean plainDecimal(String text) {
        int length = text.length();
        int at = length > 0 && text.charAt(0) == '-' ? 1 : 0;
        long unscaled = 0;
        int digits = 0;
        int scale = -1;
        for (; at < length; at++) {
            char c = text.charAt(at);
            if (c >= '0' && c <= '9') {
                if (++digits > 18) {
                    return false;
                }
                unscaled = unscaled * 10 + (c - '0');
                if (scale >= 0) {
                    scale++;
                }
            } else if (c == '.' && scale < 0) {
                scale = 0;
            } else {
                return false;
            }
        }
        if (digits == 0 || scale == 0) {
            return false;
        }
        plainUnscaled = text.charAt(0) == '-' ? -unscaled : unscaled;
        plainScale = Math.max(scale, 0);
        return true;
    }

    public Boolean optionalBoolean(String name) throws InvalidRecordException {
        int i = slot(name);
        JsonToken t = tokens[i];
        if (t == null || t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw wrongType(name, "a boolean", t);
        }
        return t == JsonToken.VALUE_TRUE;
    }

    public static InvalidRecordException missing(String name) {
        return new InvalidRecordException(RejectReason.SCHEMA_VIOLATION, "missing field '" + name + "'");
    }

    public static InvalidRecordException violation(String name, String what) {
        return new InvalidRecordException(RejectReason.SCHEMA_VIOLATION, "field '" + name + "': " + what);
    }

    private static InvalidRecordException wrongType(String name, String expected, JsonToken found) {
        return violation(name, "expected " + expected + ", found " + describe(found));
    }
}
