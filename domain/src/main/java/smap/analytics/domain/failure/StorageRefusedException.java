package smap.analytics.domain.failure;

import smap.analytics.domain.storable.ColumnLimits;
import smap.analytics.domain.storable.Storable;

/**
 * Permanent for the values written: the database refused them (a value no check of the storable
 * boundary foresaw, a constraint). Retrying the same write cannot help; writing less can.
 */
public final class StorageRefusedException extends AnalyticsException {

  public StorageRefusedException(String reason, Throwable cause) {
    super(Storable.reason(reason, ColumnLimits.WARNING), cause);
  }

  @Override
  public boolean transientFailure() {
    return false;
  }
}
