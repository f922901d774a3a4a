package smap.analytics.bootstrap;

import java.util.Map;
import smap.analytics.bootstrap.config.AnalysisSettingsReader;

/** Appends the analysis settings (impact weights and thresholds) to the --help text. */
final class AnalysisSettingsHelp {

  private AnalysisSettingsHelp() {}

  static void append(StringBuilder text) {
    text.append("\nAnalysis settings (impact and risk, facts 11.5):\n");
    for (Map.Entry<String, String> setting : AnalysisSettingsReader.variables().entrySet()) {
      text.append(String.format("  %-30s %s%n", setting.getKey(), setting.getValue()));
    }
  }
}
