package smap.analytics.application.port.out;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A batch object as read: its entries as JSON trees of JDK types, in file order.
 *
 * @param items the entries (a top-level array; the {@code items} of an object; or one object)
 * @param shape which of those three top-level shapes the file had
 * @param storedBytes size of the object as stored
 * @param compressed whether it was zstd-compressed
 * @param fetchTime time to download (and decompress)
 * @param parseTime time to parse the JSON
 */
public record FetchedBatch(
    List<Object> items,
    Shape shape,
    long storedBytes,
    boolean compressed,
    Duration fetchTime,
    Duration parseTime) {

  public FetchedBatch {
    items = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(fetchTime, "fetchTime");
    Objects.requireNonNull(parseTime, "parseTime");
  }

  /** The top-level shapes a batch file may have (CONTRACT 3). */
  public enum Shape {
    ARRAY,
    ITEMS_OBJECT,
    SINGLE_ITEM
  }
}
