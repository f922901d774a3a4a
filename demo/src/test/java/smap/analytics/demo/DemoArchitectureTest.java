package smap.analytics.demo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo module's rules. They live here rather than in bootstrap's ArchitectureTest because only
 * this module sees the demo's classes (it depends on bootstrap, not the other way round).
 */
class DemoArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("smap.analytics");
  }

  @Test
  void theRulesSeeTheDemoAndTheProduction() {
    assertThat(classes.stream().filter(c -> c.getPackageName().equals("smap.analytics.demo")))
        .isNotEmpty();
    assertThat(
            classes.stream().filter(c -> c.getPackageName().startsWith("smap.analytics.bootstrap")))
        .isNotEmpty();
  }

  @Test
  void nothingOfTheProductionJarDependsOnTheDemoOrItsEmbeddedServers() {
    noClasses()
        .that()
        .resideOutsideOfPackages("smap.analytics.demo..", "smap.analytics.embedded..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "smap.analytics.demo..",
            "smap.analytics.embedded..",
            "io.zonky..",
            "org.apache.qpid..",
            "org.gaul..")
        .check(classes);
  }

  @Test
  void theDemoUsesTheServiceOnlyThroughTheCompositionRootAndTheAdaptersClients() {
    noClasses()
        .that()
        .resideInAPackage("smap.analytics.demo..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("smap.analytics.application.service..")
        .check(classes);
    classes()
        .that()
        .resideInAPackage("smap.analytics.demo..")
        .and()
        .arePublic()
        .should()
        .haveSimpleName("DemoMain")
        .check(classes);
  }
}
