package smap.analytics.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import smap.analytics.adapter.web.OpsHandlers;
import smap.analytics.adapter.web.WebServer;
import smap.analytics.adapter.web.console.ConsoleUser;
import smap.analytics.application.service.CheckReadinessService;
import smap.analytics.bootstrap.Main;
import smap.analytics.bootstrap.config.AnalysisSettingsReader;
import smap.analytics.bootstrap.config.Setting;

/**
 * Static checks of the deployment files (there is no container engine in the build): the YAML
 * parses, every environment variable given to the service is a setting of {@link Setting}, every
 * command is one the jar has, and every probe path is a route the service registers.
 */
class DeploymentFilesTest {

  private static final Path ROOT = repositoryRoot();

  /** The service's settings: those of {@link Setting} and the analysis weights. */
  private static final Set<String> SETTINGS =
      Stream.concat(
              Arrays.stream(Setting.values()).map(Enum::name),
              AnalysisSettingsReader.variables().keySet().stream())
          .collect(java.util.stream.Collectors.toSet());

  /** Settings that come from the Secret, or per pod from the Deployments, not the ConfigMap. */
  private static final Set<String> NOT_IN_CONFIG_MAP =
      Set.of(
          "DATABASE_PASSWORD",
          "RABBITMQ_URL",
          "MINIO_ACCESS_KEY",
          "MINIO_SECRET_KEY",
          "CONSOLE_USERS",
          "INSTANCE_ID");

  private static final Set<String> SERVICE_COMMANDS = Set.copyOf(Main.commands());
  private static final Set<String> CRAWLER_COMMANDS = Set.copyOf(DemoMain.COMMANDS);
  private static final Set<String> probePaths = new LinkedHashSet<>();

  @BeforeAll
  static void collectProbePaths() throws IOException {
    for (Path file : k8sFiles()) {
      for (Map<String, Object> doc : documents(file)) {
        for (Map<String, Object> container : containers(doc)) {
          for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            Object path = at(container, probe, "httpGet", "path");
            if (path != null) {
              probePaths.add(path.toString());
            }
          }
        }
      }
    }
    Matcher health =
        Pattern.compile("http://127\\.0\\.0\\.1:\\$\\{HTTP_PORT}(/\\w+)").matcher(dockerfile());
    while (health.find()) {
      probePaths.add(health.group(1));
    }
  }

  @Test
  void everyYamlFileParses() throws IOException {
    List<Path> files = new ArrayList<>(k8sFiles());
    files.add(ROOT.resolve("compose.yaml"));
    files.add(ROOT.resolve("deploy/compose/prometheus.yml"));
    for (Path file : files) {
      assertThat(documents(file)).as("YAML documents in %s", ROOT.relativize(file)).isNotEmpty();
    }
  }

  @Test
  void theProbePathsAreRoutesTheServiceRegisters() throws Exception {
    assertThat(probePaths).contains("/healthz", "/readyz");
    try (WebServer web =
        WebServer.start(
            0, new OpsHandlers(new CheckReadinessService(List.of(), List::of), () -> ""))) {
      HttpClient http = HttpClient.newHttpClient();
      for (String path : probePaths) {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
      }
    }
  }

  @Test
  void theDockerfileUsesOnlySettingsAndRealCommands() throws IOException {
    String dockerfile = dockerfile();
    Map<String, List<String>> stages = stages(dockerfile);
    assertThat(stages).containsKeys("build", "crawler", "service");
    assertThat(stages.keySet()).last().as("the default (last) stage").isEqualTo("service");

    Set<String> named = new LinkedHashSet<>();
    for (List<String> lines : stages.values()) {
      for (String line : lines) {
        if (line.startsWith("ENV ")) {
          Matcher pair = Pattern.compile("([A-Z_][A-Z0-9_]*)=").matcher(line.substring(4));
          while (pair.find()) {
            named.add(pair.group(1));
          }
        }
      }
    }
    Matcher reference = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)}").matcher(dockerfile);
    while (reference.find()) {
      named.add(reference.group(1));
    }
    assertThat(named).as("variables the Dockerfile names").isNotEmpty();
    assertThat(SETTINGS).as("settings of the service").containsAll(named);

    assertThat(command(stages.get("service"))).isIn(SERVICE_COMMANDS).isEqualTo("consume");
    assertThat(command(stages.get("crawler"))).isIn(CRAWLER_COMMANDS);
    assertThat(String.join("\n", stages.get("service")))
        .contains("/src/bootstrap/target/smap-analytics.jar", "USER 10001", "HEALTHCHECK");
    assertThat(String.join("\n", stages.get("crawler")))
        .contains("/src/demo/target/smap-analytics-demo.jar", "USER 10001");
    assertThat(String.join("\n", stages.get("build"))).contains("./mvnw");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theComposeFileGivesTheServiceOnlySettingsAndRealCommands() throws IOException {
    Map<String, Object> compose = documents(ROOT.resolve("compose.yaml")).get(0);
    Map<String, Object> services = (Map<String, Object>) compose.get("services");
    Set<String> dockerfileStages = stages(dockerfile()).keySet();
    int ours = 0;
    for (Map.Entry<String, Object> entry : services.entrySet()) {
      Map<String, Object> service = (Map<String, Object>) entry.getValue();
      if (!(service.get("build") instanceof Map<?, ?> build)) {
        continue;
      }
      ours++;
      String target = String.valueOf(build.get("target"));
      assertThat(dockerfileStages).as("stage of %s", entry.getKey()).contains(target);
      Map<String, Object> environment = (Map<String, Object>) service.get("environment");
      assertThat(environment).as("environment of %s", entry.getKey()).isNotEmpty();
      assertThat(SETTINGS)
          .as("settings named by %s", entry.getKey())
          .containsAll(environment.keySet());
      String command = ((List<String>) service.get("command")).get(0);
      assertThat(target.equals("crawler") ? CRAWLER_COMMANDS : SERVICE_COMMANDS)
          .as("command of %s", entry.getKey())
          .contains(command);
      Object users = environment.get("CONSOLE_USERS");
      if (users != null) {
        // Compose turns $$ into $; what reaches the service must be a valid user list.
        assertThat(ConsoleUser.parse(users.toString().replace("$$", "$"))).isNotEmpty();
      }
    }
    assertThat(ours).as("services built from the Dockerfile").isGreaterThanOrEqualTo(4);
    Map<String, Object> consume = (Map<String, Object>) services.get("consume");
    assertThat(at(consume, "deploy", "replicas")).isEqualTo(2);
    assertThat(((List<String>) ((Map<String, Object>) services.get("serve")).get("command")))
        .containsExactly("serve");
    assertThat(services).containsKeys("rabbitmq", "postgres", "minio", "prometheus", "crawler");
    assertThat(String.valueOf(((Map<String, Object>) services.get("rabbitmq")).get("image")))
        .contains("management");
  }

  @Test
  @SuppressWarnings("unchecked")
  void composePrometheusLoadsTheProjectsAlertRules() throws IOException {
    Map<String, Object> compose = documents(ROOT.resolve("compose.yaml")).get(0);
    List<String> volumes =
        (List<String>) at((Map<String, Object>) compose.get("services"), "prometheus", "volumes");
    Map<String, String> mounts = new LinkedHashMap<>();
    for (String volume : volumes) {
      String[] parts = volume.split(":");
      mounts.put(parts[1], parts[0]);
    }
    Map<String, Object> config = documents(ROOT.resolve("deploy/compose/prometheus.yml")).get(0);
    List<String> ruleFiles = (List<String>) config.get("rule_files");
    assertThat(ruleFiles).isNotEmpty();
    for (String rules : ruleFiles) {
      String inContainer = rules.substring(0, rules.lastIndexOf('/'));
      assertThat(mounts).as("a mount for %s", rules).containsKey(inContainer);
      assertThat(mounts.get(inContainer)).isEqualTo("./deploy/prometheus");
      Path onHost = ROOT.resolve(mounts.get(inContainer)).resolve(Path.of(rules).getFileName());
      assertThat(onHost).as("the rules file %s", ROOT.relativize(onHost)).isRegularFile();
      assertThat(documents(onHost).get(0)).as("rules in %s", onHost).containsKey("groups");
    }
    assertThat(((List<Map<String, Object>>) config.get("scrape_configs")).get(0).get("job_name"))
        .as("the job the alert rules name")
        .isEqualTo("smap-analytics");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theKubernetesManifestsUseOnlySettingsRealCommandsAndProbes() throws IOException {
    Map<String, Map<String, Object>> byKindAndName = new LinkedHashMap<>();
    for (Path file : k8sFiles()) {
      for (Map<String, Object> doc : documents(file)) {
        if (doc.containsKey("kind")) {
          byKindAndName.put(doc.get("kind") + "/" + at(doc, "metadata", "name"), doc);
        }
      }
    }
    Map<String, Object> kustomization =
        documents(ROOT.resolve("deploy/k8s/kustomization.yaml")).get(0);
    for (String resource : (List<String>) kustomization.get("resources")) {
      assertThat(ROOT.resolve("deploy/k8s").resolve(resource)).isRegularFile();
    }
    assertThat(byKindAndName)
        .containsKeys(
            "Deployment/smap-analytics-consume",
            "Deployment/smap-analytics-serve",
            "Service/smap-analytics",
            "ConfigMap/smap-analytics-settings",
            "Secret/smap-analytics-secrets",
            "PodDisruptionBudget/smap-analytics-consume",
            "Job/smap-analytics-migrate");

    Map<String, Object> configMap = byKindAndName.get("ConfigMap/smap-analytics-settings");
    Map<String, Object> secret = byKindAndName.get("Secret/smap-analytics-secrets");
    assertThat(SETTINGS).containsAll(((Map<String, Object>) configMap.get("data")).keySet());
    assertThat(SETTINGS).containsAll(((Map<String, Object>) secret.get("stringData")).keySet());

    Map<String, String> expectedCommand =
        Map.of(
            "Deployment/smap-analytics-consume", "consume",
            "Deployment/smap-analytics-serve", "serve",
            "Job/smap-analytics-migrate", "migrate");
    for (Map.Entry<String, String> expected : expectedCommand.entrySet()) {
      List<Map<String, Object>> containers = containers(byKindAndName.get(expected.getKey()));
      assertThat(containers).as("containers of %s", expected.getKey()).hasSize(1);
      Map<String, Object> container = containers.get(0);
      List<String> args = (List<String>) container.get("args");
      assertThat(args.get(0)).isIn(SERVICE_COMMANDS).isEqualTo(expected.getValue());
      for (Map<String, Object> env :
          (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
        assertThat(SETTINGS).as("env of %s", expected.getKey()).contains((String) env.get("name"));
      }
      for (Map<String, Object> from : (List<Map<String, Object>>) container.get("envFrom")) {
        Object name =
            from.containsKey("configMapRef")
                ? "ConfigMap/" + at(from, "configMapRef", "name")
                : "Secret/" + at(from, "secretRef", "name");
        assertThat(byKindAndName).as("envFrom of %s", expected.getKey()).containsKey((String) name);
      }
      assertThat(at(container, "resources", "requests")).isNotNull();
      assertThat(at(container, "resources", "limits")).isNotNull();
    }
    Map<String, Object> consume = byKindAndName.get("Deployment/smap-analytics-consume");
    Map<String, Object> consumer = containers(consume).get(0);
    assertThat(at(consume, "spec", "replicas")).isEqualTo(2);
    assertThat(at(consumer, "livenessProbe", "httpGet", "path")).isEqualTo("/healthz");
    assertThat(at(consumer, "readinessProbe", "httpGet", "path")).isEqualTo("/readyz");
    // The kubelet must wait out the graceful shutdown (SHUTDOWN_TIMEOUT_SECONDS) before killing.
    int shutdown =
        Integer.parseInt(
            String.valueOf(
                ((Map<String, Object>) configMap.get("data"))
                    .getOrDefault("SHUTDOWN_TIMEOUT_SECONDS", shutdownDefault())));
    for (String deployment :
        List.of("Deployment/smap-analytics-consume", "Deployment/smap-analytics-serve")) {
      assertThat(
              (Integer)
                  at(
                      byKindAndName.get(deployment),
                      "spec",
                      "template",
                      "spec",
                      "terminationGracePeriodSeconds"))
          .as("terminationGracePeriodSeconds of %s", deployment)
          .isGreaterThan(shutdown);
    }
    assertThat(
            at(
                byKindAndName.get("PodDisruptionBudget/smap-analytics-consume"),
                "spec",
                "selector",
                "matchLabels"))
        .isEqualTo(at(consume, "spec", "selector", "matchLabels"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theConfigMapListsEverySettingAnOperatorTunesAndTheInstancesDoNotMigrate()
      throws IOException {
    Map<String, Object> data =
        (Map<String, Object>)
            documents(ROOT.resolve("deploy/k8s/configmap.yaml")).get(0).get("data");
    Map<String, Object> secret =
        (Map<String, Object>)
            documents(ROOT.resolve("deploy/k8s/secret.yaml")).get(0).get("stringData");
    Set<String> missing = new java.util.TreeSet<>(SETTINGS);
    missing.removeAll(NOT_IN_CONFIG_MAP);
    missing.removeAll(data.keySet());
    assertThat(missing).as("settings missing from deploy/k8s/configmap.yaml").isEmpty();
    assertThat(secret.keySet())
        .as("the Secret holds the credentials")
        .containsExactlyInAnyOrderElementsOf(
            NOT_IN_CONFIG_MAP.stream().filter(s -> !s.equals("INSTANCE_ID")).toList());
    assertThat(data).containsKey("SHUTDOWN_TIMEOUT_SECONDS");
    assertThat(data)
        .as("migrations run in the migrate Job only")
        .containsEntry("MIGRATE_ON_START", "false");
    for (String name : data.keySet()) {
      Setting setting =
          Arrays.stream(Setting.values())
              .filter(s -> s.name().equals(name))
              .findFirst()
              .orElse(null);
      if (setting != null && !setting.defaultValue().isEmpty()) {
        assertThat(data.get(name)).as("%s in the ConfigMap", name).isInstanceOf(String.class);
      }
    }
  }

  @Test
  void everySettingIsInTheReadmeConfigurationTableWithItsDefault() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int start = readme.indexOf("\n## Configuration\n");
    assertThat(start).as("README section Configuration").isPositive();
    int end = readme.indexOf("\n## ", start + 5);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    Map<String, String> documented = new LinkedHashMap<>();
    Matcher row = Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_]*)` \\| ([^|]*) \\|").matcher(section);
    while (row.find()) {
      documented.put(row.group(1), row.group(2).strip());
    }
    Set<String> missing = new java.util.TreeSet<>(SETTINGS);
    missing.removeAll(documented.keySet());
    assertThat(missing).as("settings missing from the README's configuration table").isEmpty();
    assertThat(SETTINGS)
        .as("the README documents only real settings")
        .containsAll(documented.keySet());
    for (Setting setting : Setting.values()) {
      String expected =
          setting.defaultValue().isEmpty() ? "(empty)" : "`" + setting.defaultValue() + "`";
      assertThat(documented.get(setting.name()))
          .as("default of %s in the README", setting.name())
          .isEqualTo(expected);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void migrationsRunAsTheirOwnStepAndTheInstancesStartWithoutMigrating() throws IOException {
    Map<String, Object> services =
        (Map<String, Object>) documents(ROOT.resolve("compose.yaml")).get(0).get("services");
    Map<String, Object> migrate = (Map<String, Object>) services.get("migrate");
    assertThat((List<String>) migrate.get("command")).containsExactly("migrate");
    for (String instance : List.of("consume", "serve")) {
      Map<String, Object> service = (Map<String, Object>) services.get(instance);
      assertThat((Map<String, Object>) service.get("environment"))
          .as("environment of %s", instance)
          .containsEntry("MIGRATE_ON_START", "false");
      assertThat(at(service, "depends_on", "migrate", "condition"))
          .as("%s starts after the migration", instance)
          .isEqualTo("service_completed_successfully");
    }
  }

  @Test
  void theProductionJarCarriesNoDemoWeight() throws IOException {
    // The reactor packages bootstrap before it tests this module.
    Path jar = ROOT.resolve("bootstrap/target/smap-analytics.jar");
    assertThat(jar).as("the production jar (built by the reactor before this test)").exists();
    List<String> forbidden =
        List.of(
            "smap/analytics/demo/",
            "smap/analytics/embedded/",
            "org/gaul/",
            "org/apache/qpid/",
            "io/zonky/",
            "org/jclouds/");
    try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
      List<String> found =
          file.stream()
              .map(java.util.jar.JarEntry::getName)
              .filter(name -> forbidden.stream().anyMatch(name::startsWith))
              .limit(5)
              .toList();
      assertThat(found).as("demo classes in the production jar").isEmpty();
      java.util.zip.ZipEntry yaml =
          file.getEntry("META-INF/maven/org.yaml/snakeyaml/pom.properties");
      if (yaml != null) {
        java.util.Properties properties = new java.util.Properties();
        properties.load(file.getInputStream(yaml));
        assertThat(properties.getProperty("version")).as("snakeyaml in the jar").startsWith("2.");
      }
    }
  }

  /** SHUTDOWN_TIMEOUT_SECONDS' default where the setting exists, else the documented 30. */
  private static String shutdownDefault() {
    return Arrays.stream(Setting.values())
        .filter(s -> s.name().equals("SHUTDOWN_TIMEOUT_SECONDS"))
        .map(Setting::defaultValue)
        .findFirst()
        .orElse("30");
  }

  private static String command(List<String> stage) {
    String cmd = stage.stream().filter(l -> l.startsWith("CMD ")).reduce((a, b) -> b).orElseThrow();
    Matcher first = Pattern.compile("CMD \\[\"([^\"]+)\"").matcher(cmd);
    assertThat(first.find()).as("exec-form CMD: %s", cmd).isTrue();
    return first.group(1);
  }

  /** The Dockerfile's logical lines (continuations joined) by stage name. */
  private static Map<String, List<String>> stages(String dockerfile) {
    Map<String, List<String>> stages = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : dockerfile.replace("\\\n", " ").split("\n")) {
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      Matcher from = Pattern.compile("FROM \\S+ AS (\\S+)").matcher(text);
      if (from.matches()) {
        current = new ArrayList<>();
        stages.put(from.group(1), current);
      } else if (current != null) {
        current.add(text.replaceAll("\\s+", " "));
      }
    }
    return stages;
  }

  private static String dockerfile() throws IOException {
    return Files.readString(ROOT.resolve("Dockerfile"));
  }

  private static List<Path> k8sFiles() throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve("deploy/k8s"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> documents(Path file) throws IOException {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    List<Map<String, Object>> docs = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file)) {
      for (Object doc : yaml.loadAll(reader)) {
        if (doc != null) {
          docs.add((Map<String, Object>) doc);
        }
      }
    }
    return docs;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> containers(Map<String, Object> doc) {
    Object containers = at(doc, "spec", "template", "spec", "containers");
    return containers == null ? List.of() : (List<Map<String, Object>>) containers;
  }

  @SuppressWarnings("unchecked")
  private static Object at(Map<String, Object> map, String... path) {
    Object node = map;
    for (String key : path) {
      if (!(node instanceof Map<?, ?>)) {
        return null;
      }
      node = ((Map<String, Object>) node).get(key);
    }
    return node;
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
