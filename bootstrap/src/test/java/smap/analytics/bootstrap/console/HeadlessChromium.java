package smap.analytics.bootstrap.console;

import java.io.File;
import java.nio.file.Path;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its own chromedriver (Selenium Manager never downloads one),
 * with a fresh profile; closing it quits the browser and stops the driver.
 */
public final class HeadlessChromium implements AutoCloseable {

  private final ChromeDriverService service;
  private final WebDriver driver;

  private HeadlessChromium(ChromeDriverService service, WebDriver driver) {
    this.service = service;
    this.driver = driver;
  }

  /** Starts a browser whose profile lives in {@code profile} (a JUnit temporary directory). */
  public static HeadlessChromium start(Path profile) {
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--user-data-dir=" + profile);
    return new HeadlessChromium(service, new ChromeDriver(service, options));
  }

  public WebDriver driver() {
    return driver;
  }

  /** Saves what the browser shows as {@code target/screenshots/NAME.png} (for docs/screenshots). */
  public void screenshot(String name) throws java.io.IOException {
    Path shots = Path.of("target", "screenshots");
    java.nio.file.Files.createDirectories(shots);
    java.nio.file.Files.write(
        shots.resolve(name + ".png"),
        ((org.openqa.selenium.TakesScreenshot) driver)
            .getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
  }

  @Override
  public void close() {
    driver.quit();
    service.stop();
  }
}
