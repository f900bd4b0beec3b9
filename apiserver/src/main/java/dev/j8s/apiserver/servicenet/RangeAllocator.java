package dev.j8s.apiserver.servicenet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import dev.j8s.store.ConflictException;
import dev.j8s.store.KeyExistsException;
import dev.j8s.store.KeyNotFoundException;
import dev.j8s.store.KeyValue;
import dev.j8s.store.Store;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * A range of numbered items (service IPs, node ports) whose allocations live in the store, one key per
 * allocated item ({@code <prefix><item>}) naming its owner. Creating that key is the allocation: the store's
 * create-if-absent makes it atomic, so two API servers sharing a store can never hand out the same item (the
 * role Kubernetes gave its RangeAllocation bitmap and, since 1.31, its IPAddress objects).
 *
 * <p>Dynamic allocation prefers the upper part of the range and leaves the lower {@code reserved} items for
 * explicit requests, as kube-apiserver's allocators do (so a cluster DNS at {@code .10} rarely collides).
 */
public final class RangeAllocator {

    /** Who holds an item; {@code uid} identifies it, the names are for people reading the store. */
    public record Owner(String namespace, String name, String uid) {}

    /** An allocation as stored. */
    public record Claim(int item, Owner owner, Instant allocatedAt, long revision) {}

    public enum Outcome { CLAIMED, ALREADY_OWNED, TAKEN }

    private final Store store;
    private final String prefix;
    private final int count;
    private final int reserved;
    private final IntFunction<String> itemName;
    private final java.util.function.ToIntFunction<String> itemOf;
    private final Random random;
    private final Clock clock;

    public RangeAllocator(Store store, String prefix, int count, int reserved, IntFunction<String> itemName,
                          java.util.function.ToIntFunction<String> itemOf, Random random, Clock clock) {
        this.store = store;
        this.prefix = prefix;
        this.count = count;
        this.reserved = Math.min(reserved, count);
        this.itemName = itemName;
        this.itemOf = itemOf;
        this.random = random;
        this.clock = clock;
    }

    /**
     * Kubernetes' {@code calculateRangeOffset}: the static band is {@code size/step}, at least {@code min}
     * and at most {@code max} items (none in ranges smaller than {@code min}).
     */
    public static int staticBand(long size, int min, int max, int step) {
        if (size < min) {
            return 0;
        }
        return (int) Math.max(min, Math.min(max, size / step));
    }

    public int count() {
        return count;
    }

    /** Allocates {@code item} for {@code owner}; an item the owner already holds is fine. */
    public Outcome claim(int item, Owner owner) {
        check(item);
        try {
            store.create(key(item), value(owner));
            return Outcome.CLAIMED;
        } catch (KeyExistsException e) {
            return get(item).filter(c -> c.owner().uid().equals(owner.uid())).isPresent()
                    ? Outcome.ALREADY_OWNED : Outcome.TAKEN;
        }
    }

    /** Allocates a free item for {@code owner}; empty when the range is full. */
    public OptionalInt claimNext(Owner owner) {
        BitSet taken = takenItems();
        // Each lost race marks one more item taken, so this ends after at most count attempts.
        while (true) {
            OptionalInt free = pickFree(taken);
            if (free.isEmpty()) {
                return free;
            }
            if (claim(free.getAsInt(), owner) == Outcome.CLAIMED) {
                return free;
            }
            // Another writer took it between our list and create: look elsewhere.
            taken.set(free.getAsInt());
        }
    }

    /** A free item without taking it (dry runs). */
    public OptionalInt peekFree() {
        return pickFree(takenItems());
    }

    public boolean isFree(int item) {
        return store.get(key(item)).isEmpty();
    }

    /** Gives {@code item} back if {@code ownerUid} still holds it (never frees another owner's item). */
    public boolean release(int item, String ownerUid) {
        Optional<Claim> claim = get(item);
        if (claim.isEmpty() || !claim.get().owner().uid().equals(ownerUid)) {
            return false;
        }
        try {
            store.delete(key(item), claim.get().revision());
            return true;
        } catch (KeyNotFoundException | ConflictException e) {
            return false;
        }
    }

    public Optional<Claim> get(int item) {
        return store.get(key(item)).map(this::decode);
    }

    /** Every allocation, by item. */
    public Map<Integer, Claim> claims() {
        Map<Integer, Claim> all = new LinkedHashMap<>();
        for (KeyValue kv : store.list(prefix, null, 0).items()) {
            Claim c = decode(kv);
            if (c.item() >= 0) {
                all.put(c.item(), c);
            }
        }
        return all;
    }

    private BitSet takenItems() {
        BitSet taken = new BitSet(count);
        for (KeyValue kv : store.list(prefix, null, 0).items()) {
            int item = itemOf.applyAsInt(kv.key().substring(prefix.length()));
            if (item >= 0 && item < count) {
                taken.set(item);
            }
        }
        return taken;
    }

    private OptionalInt pickFree(BitSet taken) {
        OptionalInt upper = scan(taken, reserved, count);
        return upper.isPresent() ? upper : scan(taken, 0, reserved);
    }

    /** A free item in [from, to), starting the scan at a random point so that allocations spread. */
    private OptionalInt scan(BitSet taken, int from, int to) {
        int span = to - from;
        if (span <= 0) {
            return OptionalInt.empty();
        }
        int start = random.nextInt(span);
        for (int i = 0; i < span; i++) {
            int item = from + (start + i) % span;
            if (!taken.get(item)) {
                return OptionalInt.of(item);
            }
        }
        return OptionalInt.empty();
    }

    private void check(int item) {
        if (item < 0 || item >= count) {
            throw new IllegalArgumentException("item " + item + " outside the range of " + count);
        }
    }

    private String key(int item) {
        return prefix + itemName.apply(item);
    }

    private byte[] value(Owner owner) {
        ObjectNode v = Json.object();
        v.put("namespace", owner.namespace());
        v.put("name", owner.name());
        v.put("uid", owner.uid());
        v.put("allocatedAt", clock.instant().toString());
        return Json.bytes(v);
    }

    private Claim decode(KeyValue kv) {
        int item = itemOf.applyAsInt(kv.key().substring(prefix.length()));
        try {
            JsonNode v = Json.parse(kv.value());
            Instant at = v.hasNonNull("allocatedAt") ? Instant.parse(v.get("allocatedAt").asText()) : Instant.EPOCH;
            return new Claim(item, new Owner(v.path("namespace").asText(), v.path("name").asText(),
                    v.path("uid").asText()), at, kv.modRevision());
        } catch (IOException | RuntimeException e) {
            return new Claim(item, new Owner("", "", ""), Instant.EPOCH, kv.modRevision());
        }
    }
}
