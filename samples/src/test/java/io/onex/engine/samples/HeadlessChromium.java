package io.onex.engine.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and ChromeDriver for browser tests, installed with apt-get when they are
 * missing and the tests run as root (as on a fresh build machine); {@link #why()} says why they
 * cannot be had otherwise, for the tests to skip with.
 */
final class HeadlessChromium {

  private static final Path BROWSER = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static String unavailable;
  private static boolean checked;

  private HeadlessChromium() {}

  /** Why no browser can be had here, or empty once one is installed. */
  static synchronized Optional<String> why() {
    if (!checked) {
      checked = true;
      unavailable = install();
    }
    return Optional.ofNullable(unavailable);
  }

  /** A new headless browser session with a window of {@code width} x {@code height}. */
  static ChromeDriver start(int width, int height) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=" + width + "," + height);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    return new ChromeDriver(service, options);
  }

  private static String install() {
    if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
      return null;
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      return "Chromium is not installed (/usr/bin/chromium, /usr/bin/chromedriver) and the tests do"
          + " not run as root to install it: apt-get install chromium chromium-driver";
    }
    try {
      run(List.of("apt-get", "update"));
      run(
          List.of(
              "apt-get",
              "install",
              "-y",
              "--no-install-recommends",
              "chromium",
              "chromium-driver"));
    } catch (IOException | InterruptedException e) {
      return "Chromium could not be installed with apt-get: " + e.getMessage();
    }
    return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)
        ? null
        : "apt-get install chromium chromium-driver ran but installed no browser";
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
    Path log = Files.createTempFile("apt-", ".log");
    Process process = builder.redirectOutput(log.toFile()).start();
    if (!process.waitFor(Duration.ofMinutes(15).toMinutes(), TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " took longer than 15 minutes");
    }
    if (process.exitValue() != 0) {
      List<String> lines = Files.readAllLines(log);
      throw new IOException(
          String.join(" ", command)
              + " failed: "
              + String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
    }
  }
}
