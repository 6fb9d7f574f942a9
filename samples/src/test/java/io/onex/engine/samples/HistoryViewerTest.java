package io.onex.engine.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.engine.core.testing.HttpCalls.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The history viewer at {@code /ui} in a real headless Chromium, against a sample node with
 * authentication on: the credential is entered once and kept for the session; the list filters by
 * status; an order's timeline shows each event, and selecting one shows the state after it and what
 * it changed; a replay against a diverging version names the first diverging event; the deploy gate
 * lists the instances that would diverge; an open instance's page updates as events arrive; an
 * operator's terminate button works after confirmation, and a reader sees no controls. Screenshots
 * of each page go to {@code target/ui-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HistoryViewerTest {

  private static final String ADMIN_KEY = "ui-admin-key-1";
  private static final String READER_KEY = "ui-reader-key-1";
  private static final String ORDERS = "/v1/workflows/order/instances";
  private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

  @TempDir static Path dataDir;
  private static TestNode node;
  private static ChromeDriver browser;
  private static WebDriverWait wait;

  @BeforeAll
  static void startNodeAndBrowser() throws IOException {
    Assumptions.assumeTrue(
        HeadlessChromium.why().isEmpty(), () -> "Skipped: " + HeadlessChromium.why().get());
    node =
        TestNode.start(
            Map.of(
                "onex.data-dir",
                dataDir.toString(),
                "onex.auth.enabled",
                true,
                "onex.auth.api-keys",
                List.of(ADMIN_KEY + ":admin:ui-admin", READER_KEY + ":reader:ui-reader"),
                "onex.handlers.http.targets.nobody",
                "http://127.0.0.1:" + freePort()));
    placeOrder("o-ui-done", "alice");
    placeOrder("o-ui-declined", "declined-bob");
    assertThat(
            call(
                    "POST",
                    ORDERS,
                    "{\"instanceId\":\"o-ui-open\",\"input\":{\"customerId\":\"eve\"}}")
                .status())
        .isEqualTo(201);
    // a spec workflow whose version 2 would decide its first event differently
    assertThat(
            call("PUT", "/v1/workflows/approval/versions/1", approvalSpec(1, "approve")).status())
        .isEqualTo(201);
    assertThat(
            call(
                    "POST",
                    "/v1/workflows/approval/instances",
                    "{\"instanceId\":\"a-1\",\"input\":{}}")
                .status())
        .isEqualTo(201);
    assertThat(call("PUT", "/v1/workflows/approval/versions/2", approvalSpec(2, "review")).status())
        .isEqualTo(201);
    // a step whose service does not answer: its intent stays pending, retried
    assertThat(call("PUT", "/v1/workflows/stuck/versions/1", STUCK_SPEC).status()).isEqualTo(201);
    assertThat(
            call("POST", "/v1/workflows/stuck/instances", "{\"instanceId\":\"s-1\",\"input\":{}}")
                .status())
        .isEqualTo(201);
    awaitStatus(ORDERS + "/o-ui-done", "COMPLETED");
    awaitStatus(ORDERS + "/o-ui-declined", "FAILED");
    Files.createDirectories(SCREENSHOTS);
    browser = HeadlessChromium.start(1400, 1000);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  @Order(1)
  void signsInOnceAndListsTheInstancesWithTheirCountsPerStatus() {
    browser.get(node.base() + "/ui/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
    browser.findElement(By.id("credential")).sendKeys(ADMIN_KEY);
    browser.findElement(By.id("sign-in-button")).click();

    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#instances tbody")));
    wait.until(driver -> ids().containsAll(List.of("o-ui-done", "o-ui-declined", "o-ui-open")));
    assertThat(browser.findElement(By.id("who")).getText()).contains("ui-admin");
    assertThat(browser.findElement(By.id("status-counts")).getText())
        .contains("COMPLETED 1")
        .contains("FAILED 1");
    screenshot("1-instances");
  }

  @Test
  @Order(2)
  void filtersTheListByStatus() {
    browser.get(node.base() + "/ui/#/instances");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("filter-status")));
    new Select(browser.findElement(By.id("filter-type"))).selectByValue("order");
    new Select(browser.findElement(By.id("filter-status"))).selectByValue("COMPLETED");
    browser.findElement(By.id("apply-filters")).click();

    wait.until(driver -> ids().equals(List.of("o-ui-done")));
    assertThat(browser.findElements(By.cssSelector("#instances .badge")))
        .extracting(WebElement::getText)
        .containsOnly("COMPLETED");
    // the session kept the credential: no second sign-in
    assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).isFalse();
    screenshot("2-instances-completed");
  }

  @Test
  @Order(3)
  void stepsThroughAnOrdersEventsShowingTheStateAndItsChanges() {
    browser.get(node.base() + "/ui/#/instances?type=order&status=COMPLETED");
    wait.until(ExpectedConditions.elementToBeClickable(By.linkText("o-ui-done"))).click();

    wait.until(driver -> driver.findElements(By.cssSelector("#timeline tr.event")).size() == 6);
    assertThat(
            browser.findElements(By.cssSelector("#timeline td.action-type")).stream()
                .map(WebElement::getText)
                .toList())
        .containsExactly(
            "$start",
            "AddItem",
            "PlaceOrder",
            "IntentSucceeded",
            "IntentSucceeded",
            "IntentSucceeded");
    assertThat(browser.findElement(By.id("instance-header")).getText()).contains("COMPLETED");
    assertThat(
            browser
                .findElement(By.cssSelector("#timeline tr.event[data-seq='4'] td.outcome"))
                .getText())
        .contains("intent succeeded");

    browser.findElement(By.cssSelector("#timeline tr.event[data-seq='2']")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("changes")));
    assertThat(browser.findElement(By.id("event-detail")).getText()).contains("Event #2: AddItem");
    assertThat(change("/items/0/sku").getAttribute("data-kind")).isEqualTo("added");
    assertThat(change("/items/0/sku").getText()).contains("\"book\"");
    assertThat(change("/total").getAttribute("data-kind")).isEqualTo("changed");
    assertThat(change("/total").getText()).contains("0 → 25");
    assertThat(
            browser
                .findElement(By.cssSelector("#state-after span[data-path='/items/0/sku']"))
                .getAttribute("class"))
        .isEqualTo("added");
    screenshot("3-order-event-2");

    // the first outcome was caused by PlaceOrder's intent: its link selects event 3
    browser.findElement(By.cssSelector("#timeline tr.event[data-seq='4'] a.cause")).click();
    wait.until(
        ExpectedConditions.attributeContains(
            By.cssSelector("#timeline tr.event[data-seq='3']"), "class", "selected"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("event-detail"), "Event #3: PlaceOrder"));
    assertThat(change("/phase").getText()).contains("\"OPEN\" → \"PLACED\"");
  }

  @Test
  @Order(4)
  void replaysAnInstanceAgainstADivergingVersionAndRunsTheDeployGate() {
    Response expected =
        call("POST", "/v1/workflows/approval/instances/a-1/replay", "{\"definitionVersion\":2}");
    long divergingSeq = expected.body().at("/firstDivergence/sequence").asLong();
    assertThat(divergingSeq).isPositive();

    browser.get(node.base() + "/ui/#/instance/approval/a-1");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("replay-version")));
    new Select(browser.findElement(By.id("replay-version"))).selectByValue("2");
    browser.findElement(By.id("run-replay")).click();

    WebElement seq =
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("diverging-seq")));
    assertThat(seq.getAttribute("data-seq")).isEqualTo(Long.toString(divergingSeq));
    assertThat(browser.findElement(By.id("expected-state")).getText()).contains("approve");
    assertThat(browser.findElement(By.id("actual-state")).getText()).contains("review");
    assertThat(browser.findElements(By.cssSelector("#state-differences li"))).isNotEmpty();
    screenshot("4-replay-divergence");

    // against its own version it agrees
    new Select(browser.findElement(By.id("replay-version"))).selectByValue("1");
    browser.findElement(By.id("run-replay")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("replay-agrees")));

    browser.get(node.base() + "/ui/#/gate/approval");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("gate-version")));
    new Select(browser.findElement(By.id("gate-version"))).selectByValue("2");
    browser.findElement(By.id("run-gate")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("gate-summary"), "1 of 1 unfinished instances would diverge under v2"));
    assertThat(browser.findElement(By.id("gate-result")).getText()).contains("a-1");
    screenshot("5-deploy-gate");
  }

  @Test
  @Order(5)
  void anOpenInstancesPageUpdatesAsEventsArriveAndAnOperatorTerminatesIt() {
    browser.get(node.base() + "/ui/#/instance/order/o-ui-open");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("live")));
    assertThat(browser.findElements(By.cssSelector("#timeline tr.event"))).hasSize(1);

    assertThat(
            call(
                    "POST",
                    ORDERS + "/o-ui-open/actions",
                    "{\"type\":\"AddItem\",\"payload\":{\"sku\":\"pen\",\"quantity\":3,\"unitPrice\":2}}")
                .status())
        .isEqualTo(200);
    wait.until(driver -> driver.findElements(By.cssSelector("#timeline tr.event")).size() == 2);
    wait.until(ExpectedConditions.textToBe(By.id("event-count"), "2"));
    assertThat(browser.findElement(By.cssSelector("#timeline tr.event[data-seq='2']")).getText())
        .contains("AddItem");
    screenshot("6-live-instance");

    browser.findElement(By.id("control-terminate")).click();
    browser.findElement(By.id("control-terminate-value")).sendKeys("customer called to cancel");
    browser.findElement(By.id("control-terminate-confirm")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("instance-header"), "CANCELLED"));
    assertThat(call("GET", ORDERS + "/o-ui-open", null).text("status")).isEqualTo("CANCELLED");
    screenshot("7-terminated");
  }

  @Test
  @Order(6)
  void showsAPendingIntentsAttemptsAndLastErrorAndSkipsItAfterConfirmation() {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !call("GET", "/v1/workflows/stuck/instances/s-1", null)
                    .body()
                    .at("/pendingIntents/0/lastError")
                    .asText()
                    .isEmpty());
    browser.get(node.base() + "/ui/#/instance/stuck/s-1");
    WebElement pending =
        wait.until(
            ExpectedConditions.presenceOfElementLocated(By.cssSelector("#pending tbody tr")));
    String intentId = pending.getAttribute("data-intent");
    assertThat(pending.getText()).contains("http:nobody");
    assertThat(Integer.parseInt(pending.findElements(By.tagName("td")).get(2).getText()))
        .isPositive();
    assertThat(pending.findElements(By.tagName("td")).get(3).getText()).isNotBlank();
    screenshot("8-pending-intent");

    browser.findElement(By.id("control-skip-" + intentId)).click();
    browser.findElement(By.id("control-skip-" + intentId + "-value")).sendKeys("service retired");
    browser.findElement(By.id("control-skip-" + intentId + "-confirm")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("instance-header"), "COMPLETED"));
    assertThat(browser.findElement(By.id("pending")).getText()).contains("None.");
    assertThat(call("GET", "/v1/workflows/stuck/instances/s-1", null).text("status"))
        .isEqualTo("COMPLETED");
  }

  @Test
  @Order(7)
  void aReaderSeesNoOperatorControls() {
    browser.get(node.base() + "/ui/#/instances");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-out"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
    browser.findElement(By.id("credential")).sendKeys(READER_KEY);
    browser.findElement(By.id("sign-in-button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "ui-reader"));

    browser.get(node.base() + "/ui/#/instance/approval/a-1");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("controls-hidden")));
    assertThat(browser.findElements(By.id("control-terminate"))).isEmpty();
    // replays only read: a reader runs them
    new Select(browser.findElement(By.id("replay-version"))).selectByValue("2");
    browser.findElement(By.id("run-replay")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("diverging-seq")));
    screenshot("9-reader");
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static List<String> ids() {
    return browser.findElements(By.cssSelector("#instances tr.instance")).stream()
        .map(row -> row.getAttribute("data-id"))
        .toList();
  }

  private static WebElement change(String path) {
    return browser.findElement(By.cssSelector("#changes li[data-path='" + path + "']"));
  }

  private static void screenshot(String name) {
    try {
      Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void placeOrder(String id, String customer) {
    assertThat(
            call(
                    "POST",
                    ORDERS,
                    "{\"instanceId\":\""
                        + id
                        + "\",\"input\":{\"customerId\":\""
                        + customer
                        + "\"}}")
                .status())
        .isEqualTo(201);
    assertThat(
            call(
                    "POST",
                    ORDERS + "/" + id + "/actions",
                    "{\"type\":\"AddItem\",\"payload\":{\"sku\":\"book\",\"quantity\":2,\"unitPrice\":12.5}}")
                .status())
        .isEqualTo(200);
    assertThat(call("POST", ORDERS + "/" + id + "/actions", "{\"type\":\"PlaceOrder\"}").status())
        .isEqualTo(200);
  }

  private static void awaitStatus(String path, String status) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> call("GET", path, null).text("status").equals(status));
  }

  private static Response call(String method, String path, String body) {
    return node.call(method, path, body, "X-API-Key", ADMIN_KEY);
  }

  private static final String STUCK_SPEC =
      "{\"type\":\"stuck\",\"version\":1,\"steps\":[{\"name\":\"call\",\"handler\":\"http\","
          + "\"target\":\"nobody\",\"retry\":{\"maxAttempts\":100,\"initialBackoff\":\"300ms\","
          + "\"maxBackoff\":\"1s\"}}]}";

  private static String approvalSpec(int version, String step) {
    return "{\"type\":\"approval\",\"version\":"
        + version
        + ",\"steps\":[{\"name\":\""
        + step
        + "\",\"wait\":{\"action\":\"Approve\"}}]}";
  }
}
