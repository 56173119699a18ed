package io.beizeng.runtime;

/**
 * The event ids a dedupe bucket remembers, each with the fingerprint of its first event and the event time at which
 * it expires: an open-addressing hash table (linear probing) in parallel arrays.
 *
 * <p>Why not a {@code MapState<String, Tuple2<Long, Long>>}: Flink's heap state copies a value on its first access
 * after a checkpoint (the checkpoint still writes the old one), and copying the buckets' hash maps of boxed pairs
 * held up the dedupe task for 0.1–0.3 s per checkpoint at a million ids; three arrays copy in microseconds. It also
 * holds no boxes, and its serializer ({@link SeenIdsSerializer}) writes each id as one block.
 *
 * <p>The tables of a replay outgrow the processor's caches, and finding and adding ids was then mostly waiting for
 * memory: so a probe reads the array of hashes alone (0 marks an empty slot) and an id's bytes only when its hash
 * matches, and an id's fingerprint and expiry sit side by side in one array.
 *
 * <p>The ids are bytes in one array per table ({@link WireStrings}' form, one byte per character below 256), not a
 * string each: a live stream's ids live for the dedupe horizon, long past many young collections, and the millions
 * of small strings were copied from one survivor space to the next until the collector promoted them; an array of
 * bytes is copied in one move, and holds an id in its length plus one byte instead of a string's 56 or more.
 * A checkpoint writes each id's bytes as they are.
 *
 * <p>Each id's mixed hash is kept beside it, and expired ids are deleted in place (backward shift): a purge reads
 * the arrays in order, never the ids' bytes (the arena's size is counted when it is copied). Rebuilding the table
 * from its ids at every purge would read every id, and a bucket may hold the ids of months of event time (one
 * partition's reader runs ahead of the other's, and ids expire at the slower one's watermark); reading a deleted
 * id's bytes for its size would cost a cache miss per id.
 *
 * <p>A checkpoint writes only the ids unexpired at the latest watermark the table was given ({@link #add}): the
 * others may be forgotten at any time, and writing them would be most of a checkpoint's work (a table holds
 * up to four times its unexpired ids between purges).
 */
public final class SeenIds {
    private static final int MIN_CAPACITY = 8;

    /** Per slot, {@link #mix} of its id's hash, never 0; 0 marks an empty slot. */
    private int[] hashes;
    /** Per slot, where its id starts in {@link #arena}. */
    private int[] offsets;
    /**
     * The ids, each in {@link WireStrings}' form, appended as they come; a deleted id's bytes stay until the arena
     * is full, which then copies the ids present into a new one ({@link #makeRoom}).
     */
    private byte[] arena;
    /** The end of the ids appended to {@link #arena}. */
    private int arenaEnd;
    /** Per slot {@code s}, the fingerprint at {@code 2s} and the expiry at {@code 2s + 1}: one cache line. */
    private long[] values;
    private int size;
    /** The latest "now" given to {@link #add}: ids that expire at or before it may be forgotten at any time. */
    private long watermark = Long.MIN_VALUE;
    /** The next slot {@link #sweep} looks at. */
    private int cursor;
    /** Ids added since the last {@link #sweep}. */
    private int addedSinceSweep;
    /** Purges of the whole table so far (not kept in checkpoints): for tests. */
    private int purges;
    /**
     * Slots looked at per id added: a table whose ids expire at a steady rate then forgets them as fast as it learns
     * new ones (a whole sweep takes a capacity / 8 ids added, a table that grew is at least four times its unexpired
     * ids: it stays below half full), so it never stops for a purge of the whole table.
     */
    static final int SWEEP_SLOTS = 8;
    /**
     * Ids added per sweep, which then looks at {@code SWEEP_SLOTS} slots for each. Why not a few slots at every id:
     * a bucket's table is seldom in the processor's cache when its next id comes (it is one of hundreds), so a few
     * slots at every id cost cache misses at every id; 64 slots at a time are read in order, which the processor's
     * prefetcher streams.
     */
    static final int SWEEP_EVERY = 8;

    public SeenIds() {
        this(MIN_CAPACITY);
    }

    private SeenIds(int capacity) {
        hashes = new int[capacity];
        offsets = new int[capacity];
        values = new long[2 * capacity];
        arena = new byte[8 * capacity];
    }

    /** An empty table that takes {@code count} ids without growing. */
    static SeenIds withRoomFor(int count) {
        return new SeenIds(capacityFor(count));
    }

    /** A power of two at least twice the count: the table is at most half full. */
    private static int capacityFor(int count) {
        return Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, count) * 2 - 1) << 1);
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The slot of {@code id}, or -1 when it is not remembered. */
    public int find(String id) {
        return find(id, mix(id));
    }

    private int find(String id, int hash) {
        int mask = hashes.length - 1;
        // a probe reads the hashes alone, and an id's bytes only when its hash matches
        for (int i = hash & mask; hashes[i] != 0; i = (i + 1) & mask) {
            if (hashes[i] == hash && WireStrings.equalsAt(arena, offsets[i], id)) {
                return i;
            }
        }
        return -1;
    }

    public long fingerprintAt(int slot) {
        return values[2 * slot];
    }

    public long expiresAt(int slot) {
        return values[2 * slot + 1];
    }

    /** Remembers {@code id} (again) with this fingerprint and expiry, forgetting nothing. */
    public void put(String id, long fingerprint, long expiresAt) {
        int found = find(id);
        if (found >= 0) {
            renew(found, fingerprint, expiresAt);
        } else {
            add(id, fingerprint, expiresAt, Long.MIN_VALUE);
        }
    }

    /** Gives the id in {@code slot} a new fingerprint and expiry. */
    public void renew(int slot, long fingerprint, long expiresAt) {
        values[2 * slot] = fingerprint;
        values[2 * slot + 1] = expiresAt;
    }

    /**
     * Remembers {@code id}, which {@link #find} did not find. It first sweeps a few slots ({@link #sweep}); if the
     * table is still full, it forgets every id that expires at or before {@code now}, and grows only if that left it
     * more than a quarter full: so a purge visits every slot once per at least a quarter table of new ids, and the
     * table holds at most four times the ids that were unexpired at its last purge.
     */
    public void add(String id, long fingerprint, long expiresAt, long now) {
        watermark = Math.max(watermark, now);
        if (++addedSinceSweep == SWEEP_EVERY) {
            addedSinceSweep = 0;
            sweep(now);
        }
        if ((size + 1) * 2 > hashes.length) {
            purges++;
            removeExpired(now);
            if ((size + 1) * 4 > hashes.length) {
                resize(hashes.length * 2);
            }
        }
        insert(append(id), mix(id), fingerprint, expiresAt);
        size++;
    }

    /**
     * Looks at the next {@link #SWEEP_SLOTS} × {@link #SWEEP_EVERY} slots, forgetting ids that expire at or before
     * {@code now}. Why not only purge a full table: the buckets of a steady stream fill at the same pace, and so
     * purged all at once, every couple of minutes at 20,000 events/s, each purge reading its whole table (a dedupe
     * task stalled for about 100 ms then, ten times a second's usual work).
     */
    private void sweep(long now) {
        int mask = hashes.length - 1;
        for (int n = 0; n < SWEEP_SLOTS * SWEEP_EVERY; n++) {
            int i = cursor;
            if (hashes[i] != 0 && values[2 * i + 1] <= now) {
                // the deletion may shift a later id into slot i: look at it next
                delete(i);
                size--;
            } else {
                cursor = (i + 1) & mask;
            }
        }
    }

    /** How often {@link #add} found the table full and purged all of it. */
    int purges() {
        return purges;
    }

    /** The table's slots; it is at most half full. */
    public int capacity() {
        return hashes.length;
    }

    /** The bytes the table's arena holds room for. */
    public int arenaCapacity() {
        return arena.length;
    }

    /** Forgets the ids that expire at or before {@code time}; returns how many. */
    public int removeExpired(long time) {
        int removed = 0;
        for (int i = 0; i < hashes.length; i++) {
            // the deletion may shift a later id into slot i: look at it again
            while (hashes[i] != 0 && values[2 * i + 1] <= time) {
                delete(i);
                removed++;
            }
        }
        size -= removed;
        if (size * 8 < hashes.length && hashes.length > MIN_CAPACITY) {
            // most of a burst has expired: give the room back, leaving the table a quarter full
            resize(capacityFor(2 * size));
        }
        return removed;
    }

    /**
     * Empties slot {@code hole} and moves later ids of its run back into it where their probe would otherwise stop
     * at the new gap (Knuth's algorithm R for linear probing), so no tombstones are needed.
     */
    private void delete(int hole) {
        int mask = hashes.length - 1;
        for (int j = (hole + 1) & mask; hashes[j] != 0; j = (j + 1) & mask) {
            int home = hashes[j] & mask;
            // the id at j stays if its home lies cyclically in (hole, j]: its probe does not pass the hole
            boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays) {
                hashes[hole] = hashes[j];
                offsets[hole] = offsets[j];
                values[2 * hole] = values[2 * j];
                values[2 * hole + 1] = values[2 * j + 1];
                hole = j;
            }
        }
        hashes[hole] = 0;
    }

    /** An independent copy. */
    public SeenIds copy() {
        SeenIds c = new SeenIds(0);
        c.hashes = hashes.clone();
        c.offsets = offsets.clone();
        c.values = values.clone();
        c.arena = arena.clone();
        c.arenaEnd = arenaEnd;
        c.size = size;
        c.watermark = watermark;
        c.cursor = cursor;
        c.addedSinceSweep = addedSinceSweep;
        return c;
    }

    /** The ids unexpired at the latest watermark given to {@link #add}: those a checkpoint must keep. */
    public int unexpiredCount() {
        int count = 0;
        for (int i = 0; i < hashes.length; i++) {
            if (holdsUnexpired(i)) {
                count++;
            }
        }
        return count;
    }

    /** Calls {@code action} for each of the {@link #unexpiredCount} ids unexpired at the latest watermark. */
    public void forEachUnexpired(Entry action) throws java.io.IOException {
        for (int i = 0; i < hashes.length; i++) {
            if (holdsUnexpired(i)) {
                action.accept(arena, offsets[i], values[2 * i], values[2 * i + 1]);
            }
        }
    }

    private boolean holdsUnexpired(int slot) {
        return hashes[slot] != 0 && values[2 * slot + 1] > watermark;
    }

    /** One remembered id: in {@link WireStrings}' form at {@code at} in {@code encoded}. */
    interface Entry {
        void accept(byte[] encoded, int at, long fingerprint, long expiresAt) throws java.io.IOException;
    }

    /** Moves the ids into new arrays of {@code capacity}. */
    private void resize(int capacity) {
        int[] oldHashes = hashes;
        int[] oldOffsets = offsets;
        long[] oldValues = values;
        hashes = new int[capacity];
        offsets = new int[capacity];
        values = new long[2 * capacity];
        cursor = 0;
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldHashes[i] != 0) {
                insert(oldOffsets[i], oldHashes[i], oldValues[2 * i], oldValues[2 * i + 1]);
            }
        }
    }

    /** Places an id known to be absent, whose bytes are at {@code offset} in the arena, with room left. */
    private void insert(int offset, int hash, long fingerprint, long expiresAt) {
        int mask = hashes.length - 1;
        int i = hash & mask;
        while (hashes[i] != 0) {
            i = (i + 1) & mask;
        }
        hashes[i] = hash;
        offsets[i] = offset;
        values[2 * i] = fingerprint;
        values[2 * i + 1] = expiresAt;
    }

    /** Appends {@code id} to the arena; returns where it starts. */
    private int append(String id) {
        int header = WireStrings.header(id);
        int bytes = WireStrings.size(header);
        if (arenaEnd + bytes > arena.length) {
            makeRoom(bytes);
        }
        int at = arenaEnd;
        arenaEnd = WireStrings.encode(id, header, arena, at);
        return at;
    }

    /**
     * Copies the ids present, in slot order, into a new arena twice their size (counted first) and the {@code bytes}
     * to come: each copy is followed by at least as many bytes appended, so appending stays linear, and the deleted
     * ids' bytes are given back.
     */
    private void makeRoom(int bytes) {
        byte[] old = arena;
        int live = 0;
        for (int i = 0; i < hashes.length; i++) {
            if (hashes[i] != 0) {
                live += WireStrings.sizeAt(old, offsets[i]);
            }
        }
        arena = new byte[Math.max(64, 2 * (live + bytes))];
        int end = 0;
        for (int i = 0; i < hashes.length; i++) {
            if (hashes[i] != 0) {
                int size = WireStrings.sizeAt(old, offsets[i]);
                System.arraycopy(old, offsets[i], arena, end, size);
                offsets[i] = end;
                end += size;
            }
        }
        arenaEnd = end;
    }

    /**
     * Mixed like the bucket choice ({@link Deduplicator#bucketOf}), whose top bits are the same for every id here,
     * so the slot comes from the lower ones.
     */
    private static int mix(String id) {
        int h = id.hashCode() * 0x9E3779B9;
        h ^= h >>> 16;
        // 0 marks an empty slot
        return h == 0 ? 1 : h;
    }

    /** Same ids with the same fingerprints and expiries, whatever the table's layout. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SeenIds other) || other.size != size) {
            return false;
        }
        for (int i = 0; i < hashes.length; i++) {
            if (hashes[i] != 0) {
                int j = other.find(WireStrings.decodeAt(arena, offsets[i]));
                if (j < 0 || other.fingerprintAt(j) != fingerprintAt(i) || other.expiresAt(j) != expiresAt(i)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < hashes.length; i++) {
            if (hashes[i] != 0) {
                h += WireStrings.decodeAt(arena, offsets[i]).hashCode() ^ Long.hashCode(fingerprintAt(i))
                        ^ Long.hashCode(expiresAt(i));
            }
        }
        return h;
    }
}
