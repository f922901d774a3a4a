package smap.analytics.domain.console;

import java.util.List;
import smap.analytics.domain.ledger.BatchEntry;

/** A batch with everything the batch page shows. */
public record BatchDetail(
    BatchEntry entry,
    List<Attempt> attempts,
    List<ErrorRow> errors,
    List<PostRow> posts,
    List<OutboxRow> results) {}
