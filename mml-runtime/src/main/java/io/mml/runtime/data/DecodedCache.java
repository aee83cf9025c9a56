package io.mml.runtime.data;

import io.mml.runtime.data.decoded.CompactImage;
import io.mml.runtime.data.decoded.ImageData;
import io.mml.runtime.data.decoded.MaskData;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A thread-safe LRU cache of decoded images and masks (before augmentation; images as compact
 * 8/16-bit samples, see {@link CompactImage}), shared by the data
 * sets of a run so each file is decoded once across epochs and splits. Bounded by entries
 * ({@code sampling.cache_max_size}) and by bytes ({@code sampling.cache_max_mb}). Concurrent
 * requests for the same key wait for one decode.
 */
public final class DecodedCache {
  /** Loads a value on a miss. */
  @FunctionalInterface
  public interface Loader {
    Object load() throws IOException;
  }

  private final long maxEntries;
  private final long maxBytes;
  private final LinkedHashMap<String, Object> map = new LinkedHashMap<>(256, 0.75f, true);
  private final ConcurrentHashMap<String, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();
  private long bytes;

  /**
   * @param maxEntries at most this many values (0 or less: no entry bound)
   * @param maxBytes at most this many bytes of pixel data (0 or less: no byte bound)
   */
  public DecodedCache(long maxEntries, long maxBytes) {
    this.maxEntries = maxEntries <= 0 ? Long.MAX_VALUE : maxEntries;
    this.maxBytes = maxBytes <= 0 ? Long.MAX_VALUE : maxBytes;
  }

  /** The cached value for the key, loading (once, even under concurrency) on a miss. */
  public Object get(String key, Loader loader) throws IOException {
    synchronized (this) {
      Object v = map.get(key);
      if (v != null) {
        hits.incrementAndGet();
        return v;
      }
    }
    CompletableFuture<Object> mine = new CompletableFuture<>();
    CompletableFuture<Object> other = inFlight.putIfAbsent(key, mine);
    if (other != null) {
      hits.incrementAndGet();
      try {
        return other.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + key, e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        throw new IOException(e.getCause());
      }
    }
    misses.incrementAndGet();
    try {
      Object v = loader.load();
      put(key, v);
      mine.complete(v);
      return v;
    } catch (IOException | RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(key);
    }
  }

  private synchronized void put(String key, Object v) {
    long size = sizeOf(v);
    if (size > maxBytes) {
      return;
    }
    Object old = map.put(key, v);
    bytes += size - (old == null ? 0 : sizeOf(old));
    Iterator<Map.Entry<String, Object>> it = map.entrySet().iterator();
    while ((map.size() > maxEntries || bytes > maxBytes) && it.hasNext()) {
      Map.Entry<String, Object> eldest = it.next();
      bytes -= sizeOf(eldest.getValue());
      it.remove();
    }
  }

  private static long sizeOf(Object v) {
    if (v instanceof ImageData i) {
      return i.byteSize();
    }
    if (v instanceof CompactImage c) {
      return c.byteSize();
    }
    if (v instanceof MaskData m) {
      return m.byteSize();
    }
    return 64;
  }

  public long hits() {
    return hits.get();
  }

  public long misses() {
    return misses.get();
  }

  public synchronized int size() {
    return map.size();
  }

  public synchronized long bytes() {
    return bytes;
  }

  /** Drops everything (counters stay). */
  public synchronized void clear() {
    map.clear();
    bytes = 0;
  }
}
