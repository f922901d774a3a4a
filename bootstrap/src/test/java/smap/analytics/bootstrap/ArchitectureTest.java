package smap.analytics.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The module and naming rules of the house style (STYLE 1-5, 13), checked on the production classes
 * of every module. Each rule's package is also checked to hold classes, so a rule cannot pass on an
 * empty or misspelled package.
 */
class ArchitectureTest {

  private static final String ROOT = "smap.analytics";
  private static final String DOMAIN = ROOT + ".domain..";
  private static final String APPLICATION = ROOT + ".application..";
  private static final String PORT_IN = ROOT + ".application.port.in..";
  private static final String PORT_OUT = ROOT + ".application.port.out..";
  private static final String SERVICE = ROOT + ".application.service..";
  private static final String BOOTSTRAP = ROOT + ".bootstrap..";
  private static final String EMBEDDED = ROOT + ".embedded..";
  private static final String TEMPLATES = "gg.jte.generated";
  private static final List<String> ADAPTERS = List.of("amqp", "minio", "postgres", "web");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages(ROOT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "smap.analytics.domain",
        "smap.analytics.application.port.in",
        "smap.analytics.application.port.out",
        "smap.analytics.application.service",
        "smap.analytics.adapter.amqp",
        "smap.analytics.adapter.minio",
        "smap.analytics.adapter.postgres",
        "smap.analytics.adapter.web",
        "smap.analytics.bootstrap",
        "smap.analytics.embedded.s3"
      })
  void everyPackageTheRulesNameHoldsClasses(String packageName) {
    assertThat(classes.stream().filter(c -> c.getPackageName().startsWith(packageName)))
        .as("classes in %s", packageName)
        .isNotEmpty();
  }

  @Test
  void domainDependsOnlyOnTheJdk() {
    classes()
        .that()
        .resideInAPackage(DOMAIN)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(DOMAIN, "java..")
        .check(classes);
  }

  @Test
  void applicationDependsOnlyOnDomainTheJdkAndTheLoggingFacade() {
    classes()
        .that()
        .resideInAPackage(APPLICATION)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(DOMAIN, APPLICATION, "java..", "org.slf4j..")
        .check(classes);
  }

  @Test
  void noAdapterDependsOnAnotherAdapter() {
    for (String adapter : ADAPTERS) {
      String[] others =
          ADAPTERS.stream()
              .filter(other -> !other.equals(adapter))
              .map(other -> ROOT + ".adapter." + other + "..")
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".adapter." + adapter + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(others)
          .check(classes);
    }
  }

  @Test
  void adaptersUsePortsNotServicesAndNeverTheCompositionRoot() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".adapter..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(SERVICE, BOOTSTRAP)
        .check(classes);
  }

  @Test
  void onlyTheCompositionRootDependsOnTheCompositionRoot() {
    noClasses()
        .that()
        .resideOutsideOfPackage(BOOTSTRAP)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(BOOTSTRAP)
        .check(classes);
  }

  @Test
  void theProductionCodeNeverUsesTheEmbeddedServers() {
    // They are on this test classpath (test scope) but must stay out of the production jar; the
    // demo module's DemoArchitectureTest checks the same for the demo itself.
    noClasses()
        .that()
        .resideInAnyPackage(DOMAIN, APPLICATION, ROOT + ".adapter..", BOOTSTRAP)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(EMBEDDED, ROOT + ".demo..", "org.gaul..")
        .check(classes);
  }

  @Test
  void inboundPortsAreUseCases() {
    classes()
        .that()
        .resideInAPackage(PORT_IN)
        .and()
        .areInterfaces()
        .and()
        .areTopLevelClasses()
        .and(
            com.tngtech.archunit.base.DescribedPredicate.not(
                com.tngtech.archunit.base.DescribedPredicate.describe(
                    "sum types whose variants are nested in them",
                    (com.tngtech.archunit.core.domain.JavaClass c) ->
                        !c.getSubclasses().isEmpty()
                            && c.getSubclasses().stream()
                                .allMatch(
                                    sub -> sub.getEnclosingClass().map(c::equals).orElse(false)))))
        .should()
        .haveSimpleNameEndingWith("UseCase")
        .check(classes);
  }

  @Test
  void outboundPortsAreNamedPort() {
    classes()
        .that()
        .resideInAPackage(PORT_OUT)
        .and()
        .areInterfaces()
        .and()
        .areTopLevelClasses()
        .should()
        .haveSimpleNameEndingWith("Port")
        .check(classes);
  }

  @Test
  void useCaseImplementationsAreServices() {
    classes()
        .that()
        .implement(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "a use case",
                (com.tngtech.archunit.core.domain.JavaClass c) ->
                    c.getSimpleName().endsWith("UseCase")))
        .and()
        .resideInAPackage(APPLICATION)
        .should()
        .haveSimpleNameEndingWith("Service")
        .andShould()
        .resideInAPackage(SERVICE)
        .check(classes);
  }

  @Test
  void adaptersAreNamedAfterTheirTechnology() {
    classes()
        .that()
        .resideInAPackage(ROOT + ".adapter..")
        .and()
        .implement(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "an outgoing port",
                (com.tngtech.archunit.core.domain.JavaClass c) ->
                    c.getSimpleName().endsWith("Port")))
        .should()
        .haveSimpleNameEndingWith("Adapter")
        .check(classes);
  }

  @Test
  void inboundAndOutboundPortsAreSeparateSlicesThatDoNotDependOnEachOther() {
    // buckpal's rule: a use case speaks its own commands and read models, an outgoing port speaks
    // domain and JDK types; what both need lives in the domain.
    slices()
        .matching(ROOT + ".application.port.(*)..")
        .should()
        .notDependOnEachOther()
        .check(classes);
  }

  @Test
  void noPortDependsOnAService() {
    noClasses()
        .that()
        .resideInAnyPackage(PORT_IN, PORT_OUT)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(SERVICE)
        .check(classes);
  }

  @Test
  void theConsoleSpeaksUseCasesOnly() {
    // The console's handlers and pages call in-ports; out-port records never reach a page.
    JavaClasses withTemplates =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT + ".adapter.web.console", TEMPLATES);
    assertThat(withTemplates.stream().filter(c -> c.getPackageName().startsWith(TEMPLATES)))
        .as("compiled templates in %s", TEMPLATES)
        .isNotEmpty();
    noClasses()
        .that()
        .resideInAnyPackage(ROOT + ".adapter.web.console..", TEMPLATES + "..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(PORT_OUT)
        .check(withTemplates);
  }

  @Test
  void noCyclesBetweenTopLevelPackages() {
    slices().matching(ROOT + ".(*).(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void generalCodingRules() {
    GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(classes);
    GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(classes);
    GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION.check(classes);
    GeneralCodingRules.NO_CLASSES_SHOULD_USE_JODATIME.check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackage(BOOTSTRAP)
        .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
        .because("only the command line prints; everything else logs")
        .check(classes);
  }
}
