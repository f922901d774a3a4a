package smap.analytics.domain.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written scans the stages use for speed give exactly what the regular expressions and
 * string look-ups they replaced give (the ones facts 11 describes), on thousands of generated
 * texts: Vietnamese and English words, teencode in every case, emoji and lone surrogates, hash
 * marks, URLs, digit runs, every kind of white space, combining marks, Σ, İ and compatibility
 * characters.
 */
class FastScansTest {

  private static final int FLAGS =
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;
  private static final AnalysisRules RULES = AnalysisRules.loadDefaults();
  private static final String[] PIECES = {
    "xe",
    "đẹp",
    "rất",
    "tốt",
    "không",
    "chẳng",
    "chưa",
    "not",
    "good",
    "very",
    "bad",
    "giá",
    "bao nhiêu",
    "tiền",
    "mua",
    "ở đâu",
    "pin",
    "sạc",
    "êm",
    "xem",
    "km",
    "bảo hành",
    "bảo",
    "hành",
    "dịch vụ",
    "nhân viên",
    "thiết kế",
    "nội thất",
    "màu xe",
    "lừa đảo",
    "tẩy chay",
    "phốt",
    "scam",
    "vay vốn",
    "lãi suất",
    "inbox",
    "zalo",
    "shop",
    "liên hệ",
    "thất vọng",
    "tệ quá",
    "đừng mua",
    "chất lượng",
    "kém",
    "tuyệt vời",
    "nhưng",
    "tuy nhiên",
    "bù lại",
    "mặc dù",
    "k",
    "ko",
    "K",
    "KO",
    "Ko",
    "dc",
    "đc",
    "Đc",
    "ĐC",
    "mik",
    "vs",
    "Gİ",
    "gi",
    "j",
    "e",
    "a",
    "c",
    "m",
    "t",
    "ae",
    "vcl",
    "tml",
    "thì ml",
    "THÌ ML",
    "Thì Ml",
    "oke",
    "uk",
    "cx",
    "ny",
    "ok",
    "OK",
    "Xe",
    "ĐẸP",
    "Tốt",
    "GIÁ",
    "😍",
    "🔥🔥",
    "✂",
    "Ⓜ",
    "中文",
    "😡",
    "#",
    "##",
    "#VinFast",
    "#😍abc",
    "#_x",
    "#1",
    "# x",
    "#e\u0301",
    "https://x.vn/a?b=1",
    "http://A.B/k",
    "www.abc.com/k",
    "https://",
    "www.",
    "0912345678",
    "01234567890",
    "84912345678",
    "123",
    "10k",
    "\u00A0",
    "\u2003",
    "\t",
    "\n",
    "\u0085",
    "\u200B",
    "\u200C",
    "\u200D",
    "\u3000",
    ".",
    ",",
    "!",
    "?",
    ";",
    ":",
    "..",
    "...",
    "e\u0301",
    "Σ",
    "ΣΑΣ",
    "İ",
    "\uD83D",
    "\uDE0D",
    "\u212A",
    "Ｋ",
    "ﬁ",
    "①",
    "½",
    "Ⅻ",
    "_",
    "a_b",
    "x-y",
    "wi-fi",
    "5 sao",
    "vf8",
    "VF8",
    "test drive",
    "  ",
    "bán sim",
    "cảm ơn",
    "showroom",
    "đã",
    "làm",
    "hỏng",
    "sửa",
    "lỗi",
    "\uD801\uDC00",
    "𝐀𝐁",
    "ǅ",
    "ﾊ"
  };

  /** Texts of 0-40 pieces with random separators, always the same for a seed. */
  private static List<String> texts(long seed, int count) {
    Random random = new Random(seed);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder text = new StringBuilder();
      int pieces = random.nextInt(41);
      for (int p = 0; p < pieces; p++) {
        text.append(PIECES[random.nextInt(PIECES.length)]);
        int separator = random.nextInt(10);
        text.append(separator < 6 ? " " : separator < 7 ? "" : separator < 9 ? ", " : ". ");
      }
      texts.add(text.toString());
    }
    return texts;
  }

  // Facts 11.1 as regular expressions.
  private static final List<String[]> SINGLE_WORD_TEENCODE =
      java.util.Arrays.stream(TextPreprocessor.TEENCODE).filter(p -> !p[0].contains(" ")).toList();

  private static final Pattern TEENCODE = teencodePattern();
  private static final Pattern THI_ML = Pattern.compile("\\bthì ml\\b", FLAGS);
  private static final Pattern URL =
      Pattern.compile(
          "(?:http[s]?://|www\\.)(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*\\(\\),]|(?:%[0-9a-fA-F][0-9a-fA-F]))+");
  private static final Pattern EMOJI =
      Pattern.compile(
          "[\\x{1F600}-\\x{1F64F}\\x{1F300}-\\x{1F5FF}\\x{1F680}-\\x{1F6FF}\\x{1F1E0}-\\x{1F1FF}"
              + "\\x{2702}-\\x{27B0}\\x{24C2}-\\x{1F251}]+");
  private static final Pattern HASHTAG =
      Pattern.compile("#(\\w+)", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern TOKEN =
      Pattern.compile("[\\p{L}\\p{N}_]+|[.!?;,]", Pattern.UNICODE_CHARACTER_CLASS);

  /** One group per teencode word, so the group that matched names the word. */
  private static Pattern teencodePattern() {
    StringBuilder alternation = new StringBuilder();
    for (String[] pair : SINGLE_WORD_TEENCODE) {
      alternation.append(alternation.isEmpty() ? "" : "|");
      alternation.append('(').append(Pattern.quote(pair[0])).append(')');
    }
    return Pattern.compile("\\b(?:" + alternation + ")\\b", FLAGS);
  }

  private static String teencodeOf(java.util.regex.MatchResult match) {
    for (int group = 1; group <= match.groupCount(); group++) {
      if (match.group(group) != null) {
        return SINGLE_WORD_TEENCODE.get(group - 1)[1];
      }
    }
    throw new AssertionError("no group matched");
  }

  private static String referenceNormalise(String text) {
    String result = Normalizer.normalize(text, Normalizer.Form.NFKC);
    result = TEENCODE.matcher(result).replaceAll(m -> Matcher.quoteReplacement(teencodeOf(m)));
    result = THI_ML.matcher(result).replaceAll("thì");
    result = URL.matcher(result).replaceAll("");
    result = EMOJI.matcher(result).replaceAll("");
    result = HASHTAG.matcher(result).replaceAll("$1");
    result = SPACES.matcher(result).replaceAll(" ");
    return result.toLowerCase(Locale.ROOT).strip();
  }

  @Test
  void normalisationEqualsTheOriginalsRegularExpressions() {
    for (String text : texts(1, 20_000)) {
      assertThat(TextPreprocessor.normalise(text)).as(text).isEqualTo(referenceNormalise(text));
    }
  }

  @Test
  void hashtagCountAndLowerCaseEqualTheRegexAndTheJdk() {
    for (String text : texts(2, 20_000)) {
      Matcher hashtags = HASHTAG.matcher(text);
      int expected = 0;
      while (hashtags.find()) {
        expected++;
      }
      assertThat(TextPreprocessor.countHashtags(text)).as(text).isEqualTo(expected);
      assertThat(CharTable.lowerCase(text)).as(text).isEqualTo(text.toLowerCase(Locale.ROOT));
    }
  }

  @Test
  void tokensEqualTheTokenPattern() {
    for (String raw : texts(3, 10_000)) {
      for (String text : List.of(raw, TextPreprocessor.normalise(raw))) {
        List<String> expected = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
          expected.add(m.group());
        }
        assertThat(LexiconSentimentModel.tokens(text)).as(text).isEqualTo(expected);
      }
    }
  }

  @Test
  void keywordsEqualWholeWordPatternsOverTheDictionary() throws IOException {
    Map<String, String> dictionary = new LinkedHashMap<>();
    try (InputStream in =
        KeywordExtractor.class.getResourceAsStream("/smap/analytics/analysis/aspects.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] f = line.split("\t");
        if (!line.startsWith("#") && f.length == 3) {
          dictionary.put(f[2].toLowerCase(Locale.ROOT), f[0]);
        }
      }
    }
    Map<String, Pattern> patterns = new LinkedHashMap<>();
    dictionary
        .keySet()
        .forEach(
            term ->
                patterns.put(
                    term,
                    Pattern.compile(
                        "(?<![\\p{L}\\p{N}_])" + Pattern.quote(term) + "(?![\\p{L}\\p{N}_])",
                        Pattern.UNICODE_CHARACTER_CLASS)));
    for (String raw : texts(4, 5_000)) {
      String text = TextPreprocessor.normalise(raw);
      List<String> expected = new ArrayList<>();
      for (Map.Entry<String, Pattern> term : patterns.entrySet()) {
        if (expected.size() < KeywordExtractor.MAX_KEYWORDS
            && term.getValue().matcher(text).find()) {
          expected.add(term.getKey() + "/" + dictionary.get(term.getKey()));
        }
      }
      List<String> actual = new ArrayList<>();
      RULES.aspects().extract(text).forEach(k -> actual.add(k.keyword() + "/" + k.aspect()));
      assertThat(actual).as(text).isEqualTo(expected);
    }
  }

  @Test
  void intentEqualsRunningEveryPatternOverTheWholeText() throws IOException {
    Map<Intent, List<Pattern>> patterns = new LinkedHashMap<>();
    try (InputStream in =
        IntentClassifier.class.getResourceAsStream(
            "/smap/analytics/analysis/intent_patterns.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] f = line.split("\t");
        if (!line.startsWith("#") && f.length == 2) {
          patterns
              .computeIfAbsent(Intent.valueOf(f[0]), i -> new ArrayList<>())
              .add(Pattern.compile(f[1], FLAGS));
        }
      }
    }
    List<String> texts = new ArrayList<>();
    for (String raw : texts(5, 5_000)) {
      texts.add(TextPreprocessor.normalise(raw));
      texts.add(raw.toLowerCase(Locale.ROOT)); // with line terminators, which "." does not cross
    }
    for (String text : texts) {
      Intent best = Intent.DISCUSSION;
      List<String> matched = List.of();
      for (Map.Entry<Intent, List<Pattern>> entry : patterns.entrySet()) {
        List<String> found = new ArrayList<>();
        entry.getValue().stream()
            .filter(p -> p.matcher(text).find())
            .forEach(p -> found.add(p.pattern()));
        if (!found.isEmpty() && entry.getKey().priority() > best.priority()) {
          best = entry.getKey();
          matched = found;
        }
      }
      IntentClassifier.Result result = RULES.intents().classify(text);
      assertThat(result.intent()).as(text).isEqualTo(best);
      assertThat(result.matchedPatterns()).as(text).isEqualTo(matched);
    }
  }

  @Test
  void theLexiconFindsTheLongestTermAsJoiningTokensWould() {
    LexiconSentimentModel model = RULES.lexicon();
    for (String raw : texts(6, 5_000)) {
      String text = TextPreprocessor.normalise(raw);
      List<String> tokens = LexiconSentimentModel.tokens(text);
      for (int i = 0; i < tokens.size(); i++) {
        String expected = null;
        for (int n = Math.min(4, tokens.size() - i); n >= 1 && expected == null; n--) {
          String candidate = String.join(" ", tokens.subList(i, i + n));
          expected = model.isTerm(candidate) ? candidate : null;
        }
        assertThat(model.phraseAt(text, i)).as(text + " @" + i).isEqualTo(expected);
      }
    }
  }
}
