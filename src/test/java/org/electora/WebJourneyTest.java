package org.electora;

import org.electora.support.Api;
import org.electora.support.Browser;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.OpenBrowser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** A member of staff signs in, switches the language and opens the stations abroad, in a real browser. */
@ElectoraIntegrationTest
class WebJourneyTest {

    @LocalServerPort int port;
    @OpenBrowser
    private ChromeDriver browser;

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void staffSignInSwitchLanguageAndOpenTheStationsAbroad() throws Exception {
        browser.get(url("/login?lang=en"));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(Api.ADMIN_PASSWORD);
        Browser.clickToLoad(browser, browser.findElement(By.id("sign-in")));
        assertThat(browser.findElement(By.id("signed-in-as")).getText()).contains("CEC administrator");

        Browser.clickToLoad(browser, browser.findElement(By.id("lang-az")));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("az");
        assertThat(browser.findElement(By.id("signed-in-as")).getText()).contains("kimi daxil olmusunuz");

        Browser.clickToLoad(browser, browser.findElement(By.linkText("Xaricdəki məntəqələr")));
        var table = browser.findElement(By.id("stations-abroad"));
        assertThat(table.getText()).contains("Asia/Tokyo", "America/New_York", "Yaponiya");
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/screenshots"));
        java.nio.file.Files.write(java.nio.file.Path.of("target/screenshots/stations-abroad-az.png"),
                browser.getScreenshotAs(OutputType.BYTES));

        Browser.clickToLoad(browser, browser.findElement(By.id("lang-ru")));
        assertThat(browser.findElement(By.id("stations-abroad")).getText()).contains("Япония");
    }

    @Test
    void aWrongPasswordIsRefusedWithAMessage() {
        browser.get(url("/login?lang=en"));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("not the password");
        Browser.clickToLoad(browser, browser.findElement(By.id("sign-in")));
        assertThat(browser.findElement(By.id("login-error")).getText()).contains("wrong password");
    }
}
