package io.dataops.validation.rules;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which tracked values of one run its batches may already have stored in FILE_KEYS, so that a batch looks up in the
 * database only the values that may be there: on a file of unique keys, almost none, instead of every row's.
 * <p>
 * A Bloom filter per field: "not stored" is certain, "may be stored" is checked in the table. Each field's filter
 * grows in layers (the first for 131,072 values, each next twice the size), so memory follows the file, about 1.4
 * bytes per value (a 5,000,000-row file: six layers, about 11 MiB); a value never stored is tested in every layer.
 * <p>
 * The filter is only as good as the batches it was told about. It remembers the highest batch number it covers; a
 * batch further ahead than the next one means another replica stored batches this process never saw (the partition
 * moved and came back), and {@link #covers} answers false so that the caller rebuilds it from the table. Batches at
 * or below that number (redeliveries) are covered: their values were added when they were first validated here.
 */
public final class StoredKeyFilter {
    static final int FIRST_LAYER = 131_072;
    private static final double FALSE_POSITIVES = 0.005;

    private final Map<String, List<Layer>> layersByField = new HashMap<>();
    private int lastBatch;

    private static final class Layer {
        final BloomFilter<CharSequence> bloom;
        final long capacity;
        long count;

        Layer(long capacity) {
            this.capacity = capacity;
            this.bloom = BloomFilter.create(Funnels.stringFunnel(StandardCharsets.UTF_8), capacity, FALSE_POSITIVES);
        }
    }

    /** @param lastBatch the highest batch number whose values are (or are about to be) added; batches count from 1, 0 for none */
    public StoredKeyFilter(int lastBatch) {
        this.lastBatch = lastBatch;
    }

    /** Whether every batch stored before this one has been added, so the filter can answer for it. */
    public synchronized boolean covers(int batchNo) {
        return batchNo <= lastBatch + 1;
    }

    /** Adds a stored key (the form {@link FileKeyIndex#keyOf} gives). */
    public synchronized void add(String field, String storedKey) {
        List<Layer> layers = layersByField.computeIfAbsent(field, f -> new ArrayList<>());
        Layer newest = layers.isEmpty() ? null : layers.get(layers.size() - 1);
        if (newest == null || newest.count >= newest.capacity) {
            newest = new Layer(newest == null ? FIRST_LAYER : newest.capacity * 2);
            layers.add(newest);
        }
        newest.bloom.put(storedKey);
        newest.count++;
    }

    /** Records that a batch's first-seen keys have been added. */
    public synchronized void batchDone(int batchNo, Collection<FileKeyIndex.Key> firstSeen) {
        for (FileKeyIndex.Key key : firstSeen) {
            add(key.field(), key.value());
        }
        lastBatch = Math.max(lastBatch, batchNo);
    }

    public synchronized boolean mayBeStored(String field, String storedKey) {
        List<Layer> layers = layersByField.get(field);
        if (layers == null) {
            return false;
        }
        for (Layer layer : layers) {
            if (layer.bloom.mightContain(storedKey)) {
                return true;
            }
        }
        return false;
    }

    /** The values of each field that may be stored: the only ones worth looking up. */
    public Map<String, Set<String>> mayBeStored(Map<String, ? extends Collection<String>> valuesByField) {
        Map<String, Set<String>> wanted = new HashMap<>();
        valuesByField.forEach((field, values) -> {
            Set<String> maybe = new LinkedHashSet<>();
            for (String value : values) {
                if (mayBeStored(field, FileKeyIndex.keyOf(value))) {
                    maybe.add(value);
                }
            }
            wanted.put(field, maybe);
        });
        return wanted;
    }
}
