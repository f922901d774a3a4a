package smap.analytics.domain.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An aspect keyword found in a post: {@code {"keyword", "aspect", "score", "source"}} when stored.
 */
public record Keyword(String keyword, String aspect, double score, String source) {

  /** The JSON shape of the {@code keywords} column. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("keyword", keyword);
    map.put("aspect", aspect);
    map.put("score", score);
    map.put("source", source);
    return map;
  }
}
