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
 * The values of one file's tracked fields (its natural key and every field with a unique rule) and the first row
 * each appeared in. The service preloads what earlier batches stored (FILE_KEYS) and stores {@link #added()} with
 * the batch's ledger row. A row is a duplicate when an earlier row of the file holds its value; a row that is
 * itself the recorded first row (a redelivered batch) is not, so redelivery gives the same answer.
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

    /** Records the value at this row; returns the earlier row that already holds it, or null if none does. */
    public Long earlierRow(String field, String value, long row) {
        String key = keyOf(value);
        Map<String, Long> rows = firstRows.computeIfAbsent(field, f -> new HashMap<>());
        Long first = rows.get(key);
        if (first == null) {
            rows.put(key, row);
            added.add(new Key(field, key, row));
            return null;
        }
        return first < row ? first : null;
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
