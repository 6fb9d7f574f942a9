package io.onex.engine.node;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.onex.engine.core.testing.ArchitectureRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules over every engine module (this one sees them all, the testkit included). */
class ArchitectureTest {

  private static JavaClasses engine;

  @BeforeAll
  static void importTheEngine() {
    engine = ArchitectureRules.mainClasses();
  }

  @Test
  void shouldKeepEveryInternalPackageInsideItsModule() {
    ArchitectureRules.internalsStayInTheirModule().check(engine);
  }

  @Test
  void shouldKeepTheCoreFreeOfPekkoJdbcAndHttp() {
    ArchitectureRules.coreIsPure().check(engine);
  }

  @Test
  void shouldLetEffectsAndInstancesMeetOnlyThroughTheirPorts() {
    ArchitectureRules.effectsAndInstancesKnowOnlyTheirPorts().check(engine);
  }

  @Test
  void shouldMarkEveryPublicTypeOfAnInternalPackage() {
    ArchitectureRules.internalPublicTypesAreMarked().check(engine);
  }

  @Test
  void shouldBuildTheGatewayOnPublicApiOnly() {
    ArchitectureRules.usesPublicApiOnly("io.onex.engine.gateway").check(engine);
  }
}
