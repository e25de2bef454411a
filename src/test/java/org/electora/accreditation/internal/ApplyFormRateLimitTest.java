package org.electora.accreditation.internal;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.electora.support.ElectoraIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The public application form stops a client that floods it (ACC-172), and says when to come back. */
@ElectoraIntegrationTest
class ApplyFormRateLimitTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String BOUNDARY = "electora-test-boundary";

    @LocalServerPort int port;
    @Autowired ApplyPages pages;

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @BeforeEach
    @AfterEach
    void forgetEveryAddress() {
        pages.resetLimit();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** An application without a photo or an organisation: refused by the form's rules, unless the limit comes first. */
    private HttpResponse<String> applyWithout(String csrf) throws Exception {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"familyName\"\r\n\r\nFlood\r\n"
                + "--" + BOUNDARY + "--\r\n";
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/accreditation/apply"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void aClientThatFloodsTheFormIsToldToWaitAndNothingIsChecked() throws Exception {
        String page = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/accreditation/apply")).GET().build()).body();
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).isTrue();
        String csrf = m.group(1);

        int refusedByRules = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 60; i++) {
            last = applyWithout(csrf);
            if (last.statusCode() != 422) {
                break;
            }
            refusedByRules++;
        }

        // the default burst (20) goes through to the form's own rules, then the address must wait
        assertThat(refusedByRules).isEqualTo(20);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(last.body()).contains("ACC-172").contains("Please wait a minute");

        pages.resetLimit();
        assertThat(applyWithout(csrf).statusCode()).as("after the wait, the form's own rules again").isEqualTo(422);
    }
}
