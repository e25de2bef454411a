package org.electora.accreditation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.electora.support.Api;
import org.electora.support.ElectoraIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The check page and what it needs offline are public, served locally, and the revocation list is cheap to re-check. */
@ElectoraIntegrationTest
class BadgeCheckPageTest {

    @LocalServerPort int port;

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theCheckPageIsPublicInEnglishAzerbaijaniAndRussianAndLoadsNothingFromElsewhere() throws Exception {
        Map<String, String> titles = Map.of("en", "Check an accreditation badge", "az", "Akkreditasiya vəsiqəsini yoxlayın",
                "ru", "Проверка аккредитационного бейджа");
        for (var title : titles.entrySet()) {
            HttpResponse<String> page = get("/accreditation/verify?lang=" + title.getKey(), Map.of());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains(title.getValue(), "/assets/badge-verify.js", "data-zone=\"Asia/Baku\"",
                    "data-sw-url=\"/accreditation/verify-sw.js\"");
            assertThat(page.body()).doesNotContainPattern("(src|href)=\"(https?:)?//");
        }
    }

    @Test
    void theScriptAndTheServiceWorkerAreServedAsJavaScriptToAnyone() throws Exception {
        for (String path : new String[] {"/assets/badge-verify.js", "/accreditation/verify-sw.js"}) {
            HttpResponse<String> script = get(path, Map.of());
            assertThat(script.statusCode()).as(path).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        }
        assertThat(get("/accreditation/verify-sw.js", Map.of()).body()).contains("/api/v1/public/accreditation/revocations");
        assertThat(get("/assets/badge-verify.js", Map.of()).body()).contains("crypto.subtle.verify");
    }

    @Test
    void theRevocationListCarriesAnEtagAndAnswers304WhenUnchanged() throws Exception {
        Api.Response list = Api.anonymous(port).get("/api/v1/public/accreditation/revocations");
        String etag = list.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = get("/api/v1/public/accreditation/revocations", Map.of("If-None-Match", etag));
        HttpResponse<String> stale = get("/api/v1/public/accreditation/revocations", Map.of("If-None-Match", "\"stale\""));

        assertThat(etag).matches("\"[0-9a-f]{64}\"");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).contains("\"revoked\"");
    }

    @Test
    void anInvitationLinkThatDoesNotExistShowsAPageNotAnError() throws Exception {
        HttpResponse<String> page = get("/accreditation/invitations/nonsense-token?lang=en", Map.of());

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("id=\"invitation-problem\"", "This link cannot be used");
    }
}
