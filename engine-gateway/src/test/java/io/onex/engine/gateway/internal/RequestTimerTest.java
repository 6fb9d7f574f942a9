package io.onex.engine.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Request paths become few route templates, whatever the ids and whatever a scanner asks for. */
class RequestTimerTest {

  @Test
  void namesAndIdsBecomePlaceholdersAndUnknownSegmentsOther() {
    assertThat(RequestTimer.template("/v1/workflows/order/instances/o-17/actions"))
        .isEqualTo("/v1/workflows/{type}/instances/{id}/actions");
    assertThat(RequestTimer.template("/v1/workflows/order/instances/o-1/intents/abc/retry"))
        .isEqualTo("/v1/workflows/{type}/instances/{id}/intents/{id}/retry");
    assertThat(RequestTimer.template("/v1/workflows")).isEqualTo("/v1/workflows");
    assertThat(RequestTimer.template("/health/live")).isEqualTo("/health/live");
    assertThat(RequestTimer.template("/wp-admin/setup.php")).isEqualTo("/{other}/{other}");
    assertThat(RequestTimer.template("/v1/workflows/order/versions/2"))
        .isEqualTo("/v1/workflows/{type}/versions/{id}");
  }
}
