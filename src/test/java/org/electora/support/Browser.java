package org.electora.support;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Debian's chromedriver (never a downloaded browser). The flags keep Chromium
 * off the network: this machine's network is closed and background connections would be refused.
 */
public final class Browser {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private Browser() {
    }

    public static ChromeDriver start() {
        Assumptions.assumeTrue(new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "Browser tests need Debian's chromium and chromium-driver (.ci/run installs them)");
        try {
            var options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--window-size=1280,900",
                    "--user-data-dir=" + Files.createTempDirectory("electora-chromium"));
            var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort().build();
            var driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return driver;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Clicks a control that loads a new page (a form's submit button, a link) and returns only once the old page is
     * gone and the new one is loaded. The driver usually waits for a navigation a click starts, but not always on a
     * loaded machine; reading an element the old and the new page share would then read the old one, or find it stale
     * mid-read, and an element found while the new page is still loading could belong to a document Chromium is about to
     * replace ("Node with given id does not belong to the document", once in a full run).
     */
    public static void clickToLoad(WebDriver driver, WebElement control) {
        WebElement page = driver.findElement(By.tagName("html"));
        control.click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.stalenessOf(page));
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Signs a staff member in on the login page of Electora at {@code baseUrl} (English) and waits for the next page. */
    public static void signIn(WebDriver driver, String baseUrl, String username, String password) {
        driver.get(baseUrl + "/login?lang=en");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        clickToLoad(driver, driver.findElement(By.id("sign-in")));
    }

    /** Signs out and waits for the sign-out's redirect, so that the next page load does not race it. */
    public static void signOut(WebDriver driver) {
        driver.findElement(By.id("sign-out")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("signedOut"));
    }

    /**
     * Answers the question a form with {@code data-confirm} asks when it is sent (the browser's own dialog), and
     * returns the question: yes sends the form, no leaves the page as it was.
     */
    public static String answerConfirm(WebDriver driver, boolean yes) {
        org.openqa.selenium.Alert dialog = new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.alertIsPresent());
        String question = dialog.getText();
        if (yes) {
            dialog.accept();
        } else {
            dialog.dismiss();
        }
        return question;
    }

    /** After a form post the old page may still be there for a moment: waits for the element's new text, not the old. */
    public static void awaitText(WebDriver driver, String id, String expected) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> !d.findElements(By.id(id)).isEmpty() && d.findElement(By.id(id)).getText().contains(expected));
    }
}
