package io.dataops.validation.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The values of one file's fields with a {@code unique} rule and the row that holds each. The service preloads what
 * other batches stored (FILE_KEYS) and stores {@link #added()} with the batch's ledger row. A row is a duplicate when
 * another row of the file holds its value: within a batch the lower row, across batches the row whose batch was
 * validated first (batches come in any order, docs/adr/0024-one-file-across-partitions.md). A row that is itself the
 * recorded holder (a redelivered batch) is not, so redelivery gives the same answer.
 */
public final class FileKeyIndex {
    /** Longer values are kept as a digest so the key column stays bounded. */
    public static final int MAX_KEY_LENGTH = 200;

    public record Key(String field, String value, long firstRow) {
    }

    private final Map<String, Map<String, Long>> firstRows = new HashMap<>();
    private final List<Key> added = new ArrayList<>();

    public void preload(String field, String storedKey, long firstRow) {
        firstRows.computeIfAbsent(field, f -> new HashMap<>()).merge(storedKey, firstRow, Math::min);
    }

    /** Records the value at this row; returns the other row that already holds it, or null if none does. */
    public Long holderRow(String field, String value, long row) {
        String key = keyOf(value);
        Map<String, Long> rows = firstRows.computeIfAbsent(field, f -> new HashMap<>());
        Long holder = rows.get(key);
        if (holder == null) {
            rows.put(key, row);
            added.add(new Key(field, key, row));
            return null;
        }
        return holder == row ? null : holder;
    }

    /** Keys first seen since the preload, to be stored with the batch. */
    public List<Key> added() {
        return List.copyOf(added);
    }

    /** The stored form of a value: itself, or {@code sha256:<hex>} when longer than {@link #MAX_KEY_LENGTH}. */
    public static String keyOf(String value) {
        if (value.length() <= MAX_KEY_LENGTH) {
            return value;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
