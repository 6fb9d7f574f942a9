package io.onex.engine.core.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import io.onex.engine.core.InternalApi;
import java.util.List;

/**
 * The module rules of the engine, for the architecture tests of the modules that see the others: an
 * {@code internal} package is used only inside its own module, the core stays pure, the effects and
 * the instances know each other only through their ports, and every public type of an {@code
 * internal} package says so with {@link InternalApi}.
 */
public final class ArchitectureRules {

  /** The engine's modules, by the root package each owns. */
  public static final List<String> MODULES =
      List.of("core", "persistence", "effects", "cluster", "gateway", "node", "testkit");

  private ArchitectureRules() {}

  /** The main classes (no tests, no test jars) of every package below {@code io.onex.engine}. */
  public static JavaClasses mainClasses() {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("-tests.jar"))
        .importPackages("io.onex.engine");
  }

  /** No class outside a module uses that module's {@code internal} packages. */
  public static ArchRule internalsStayInTheirModule() {
    return CompositeArchRule.of(
            MODULES.stream()
                .map(
                    module ->
                        (ArchRule)
                            noClasses()
                                .that()
                                .resideOutsideOfPackage("io.onex.engine." + module + "..")
                                .should()
                                .dependOnClassesThat()
                                .resideInAPackage("io.onex.engine." + module + "..internal..")
                                .as(
                                    "no class outside engine-"
                                        + module
                                        + " uses its internal packages"))
                .toList())
        .as("internal packages are used only inside their module");
  }

  /** The core performs no I/O: no Pekko, Scala, JDBC, HTTP client, database or metrics library. */
  public static ArchRule coreIsPure() {
    return noClasses()
        .that()
        .resideInAPackage("io.onex.engine.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.pekko..",
            "scala..",
            "java.sql..",
            "javax.sql..",
            "java.net.http..",
            "org.h2..",
            "org.postgresql..",
            "com.zaxxer..",
            "slick..",
            "io.micrometer..")
        .as("engine-core depends on no Pekko, JDBC, HTTP or metrics library");
  }

  /** The executor and the instances meet only in the node's composition, through their ports. */
  public static ArchRule effectsAndInstancesKnowOnlyTheirPorts() {
    return CompositeArchRule.of(
            noClasses()
                .that()
                .resideInAPackage("io.onex.engine.effects..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.onex.engine.persistence.."))
        .and(
            noClasses()
                .that()
                .resideInAPackage("io.onex.engine.persistence..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.onex.engine.effects.."))
        .as("engine-effects and engine-persistence do not depend on each other");
  }

  /** Every public top-level type of an internal package is marked {@link InternalApi}. */
  public static ArchRule internalPublicTypesAreMarked() {
    return classes()
        .that()
        .resideInAPackage("io.onex.engine..internal..")
        .and()
        .arePublic()
        .and()
        .areTopLevelClasses()
        .should()
        .beAnnotatedWith(InternalApi.class)
        .as("public types of internal packages are marked @InternalApi");
  }

  /** The classes of {@code rootPackage} use no {@code internal} package but their own. */
  public static ArchRule usesPublicApiOnly(String rootPackage) {
    return noClasses()
        .that()
        .resideInAPackage(rootPackage + "..")
        .should()
        .dependOnClassesThat(
            JavaClass.Predicates.resideInAPackage("io.onex.engine..internal..")
                .and(JavaClass.Predicates.resideOutsideOfPackage(rootPackage + "..")))
        .as(rootPackage + " uses the engine's public API only");
  }
}
