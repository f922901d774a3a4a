package smap.analytics.codegen;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Target;

/**
 * Build tool: generates the typed jOOQ classes of adapters-postgres from the schema the Flyway
 * scripts really produce. It starts an embedded PostgreSQL (a real server from Maven artifacts, so
 * the build needs no running database), applies the scripts with Flyway, and runs jOOQ's generator
 * over the result. A stamp of the scripts' contents skips all of it when they have not changed.
 *
 * <p>Arguments: the migration folder, the output source folder, the package name.
 */
public final class SchemaCodegen {

  private static final String STAMP = ".schema-stamp";

  private SchemaCodegen() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IllegalArgumentException(
          "usage: SchemaCodegen <migration folder> <output folder> <package>");
    }
    Path migrations = Path.of(args[0]).toAbsolutePath();
    Path output = Path.of(args[1]).toAbsolutePath();
    String packageName = args[2];
    String stamp = stamp(migrations, configuration(output, packageName).toString());
    Path stampFile = output.resolve(STAMP);
    if (Files.isRegularFile(stampFile)
        && Files.readString(stampFile, StandardCharsets.UTF_8).equals(stamp)) {
      return;
    }
    long started = System.nanoTime();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      Flyway.configure()
          .dataSource(postgres.getPostgresDatabase())
          .locations("filesystem:" + migrations)
          .load()
          .migrate();
      try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
        GenerationTool tool = new GenerationTool();
        tool.setConnection(connection);
        tool.run(configuration(output, packageName));
      }
    }
    Files.writeString(stampFile, stamp, StandardCharsets.UTF_8);
    System.out.printf(
        "codegen: jOOQ classes of %s generated in %d ms%n",
        packageName, (System.nanoTime() - started) / 1_000_000);
  }

  static Configuration configuration(Path output, String packageName) {
    return new Configuration()
        .withGenerator(
            new Generator()
                .withDatabase(
                    new Database()
                        .withName("org.jooq.meta.postgres.PostgresDatabase")
                        .withInputSchema("public")
                        .withOutputSchemaToDefault(true)
                        .withExcludes("flyway_schema_history")
                        .withForcedTypes(
                            new ForcedType()
                                .withName("INSTANT")
                                .withIncludeTypes(
                                    "(?i:TIMESTAMP\\ WITH\\ TIME\\ ZONE|TIMESTAMPTZ)")))
                .withGenerate(
                    new Generate()
                        .withRecords(true)
                        .withPojos(false)
                        .withDaos(false)
                        .withJavaTimeTypes(true)
                        .withRoutines(false)
                        .withSequences(true)
                        .withGeneratedAnnotation(false)
                        .withComments(false))
                .withTarget(
                    new Target()
                        .withPackageName(packageName)
                        .withDirectory(output.toString())
                        .withClean(true)));
  }

  /** A digest of the scripts and the generator's settings: equal digests, equal classes. */
  static String stamp(Path migrations, String settings) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(settings.getBytes(StandardCharsets.UTF_8));
      List<Path> scripts;
      try (Stream<Path> files = Files.list(migrations)) {
        scripts = files.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
      }
      for (Path script : scripts) {
        digest.update(script.getFileName().toString().getBytes(StandardCharsets.UTF_8));
        digest.update(Files.readAllBytes(script));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
