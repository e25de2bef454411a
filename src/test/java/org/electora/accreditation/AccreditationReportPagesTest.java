package org.electora.accreditation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;

import org.electora.support.Api;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The staff pages of the accreditation reports, signed in through the login form as the accreditation officer. */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccreditationReportPagesTest {

    @LocalServerPort int port;

    private WebSession web;
    private AccreditationData.Org mission;

    @BeforeAll
    void signIn() {
        String username = "acc-pages-" + UUID.randomUUID().toString().substring(0, 8);
        AccreditationData.createStaff(Api.admin(port), username, "ACCREDITATION_OFFICER", "NATIONAL", null);
        AccreditationData data = new AccreditationData(Api.as(port, username, AccreditationData.PASSWORD));
        mission = data.organisation("Pages mission", "INTERNATIONAL_ORGANISATION", "NO");
        data.person(mission, "OBSERVER", "NO", "BADGE_ISSUED");
        web = WebSession.signIn(port, username, AccreditationData.PASSWORD);
    }

    @Test
    void theDashboardShowsTheHeadlineTablesAndChartsDrawnByTheLocalEcharts() {
        WebSession.Page page = web.get("/accreditation/statistics?lang=en");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).containsPattern("id=\"headline\">[0-9,]+ international observers from [0-9,]+ organisations and [0-9,]+ countries<")
                .contains("id=\"chart-status\"").contains("id=\"chart-country\"").contains("id=\"chart-data\"")
                .contains("src=\"/webjars/echarts/dist/echarts.min.js\"").contains("src=\"/assets/accreditation-charts.js\"")
                .contains(mission.name()).contains("Norway");
        assertThat(web.get("/webjars/echarts/dist/echarts.min.js").status()).isEqualTo(200);
        assertThat(web.get("/assets/accreditation-charts.js").status()).isEqualTo(200);
        assertThat(web.get("/accreditation/statistics?lang=ru").body()).contains("Статистика аккредитации").contains("Норвегия");
    }

    @Test
    void aMeetingIsRecordedThroughTheFormAndItsFollowUpMarkedDone() {
        String csrf = WebSession.csrf(web.get("/accreditation/liaison").body());
        LocalDate day = LocalDate.now().minusDays(1);
        String form = "heldOn=" + day + "&place=Ministry&organisationId=" + mission.id()
                + "&participants=" + WebSession.enc("Head of mission\nDeputy Minister") + "&topics=" + WebSession.enc("Visas")
                + "&notes=&action=" + WebSession.enc("Send the map") + "&owner=Consular&dueOn=" + day.plusDays(2)
                + "&action=&owner=&dueOn=&action=&owner=&dueOn=&_csrf=" + WebSession.enc(csrf);
        WebSession.Page posted = web.postRaw("/accreditation/liaison", form);
        assertThat(posted.status()).as(posted.body()).isEqualTo(302);
        assertThat(posted.location()).matches(".*/accreditation/liaison/[0-9]+$");
        String path = posted.location().replaceFirst("^https?://[^/]+", "");
        WebSession.Page meeting = web.get(path);
        assertThat(meeting.status()).isEqualTo(200);
        assertThat(meeting.body()).contains("Deputy Minister").contains("Send the map").contains(mission.name());
        String token = WebSession.csrf(meeting.body());
        String followUp = meeting.body().replaceAll("(?s).*action=\"(" + path + "/follow-ups/[0-9]+/status)\".*", "$1");
        WebSession.Page done = web.postRaw(followUp, "status=DONE&version=0&_csrf=" + WebSession.enc(token));
        assertThat(done.status()).isEqualTo(302);
        assertThat(web.get(path).body()).contains("status-DONE");
    }

    @Test
    void aRefusedFormShowsItsRuleCodesAndKeepsWhatWasTyped() {
        String csrf = WebSession.csrf(web.get("/accreditation/liaison").body());
        LocalDate day = LocalDate.now();
        String form = "heldOn=" + day + "&organisationId=987654321&participants=Someone&topics=" + WebSession.enc("Kept topic")
                + "&action=Late&owner=Protocol&dueOn=" + day.minusDays(3) + "&_csrf=" + WebSession.enc(csrf);
        WebSession.Page page = web.postRaw("/accreditation/liaison", form);
        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body()).contains("ACC-161").contains("ACC-162").contains("Kept topic");
    }

    @Test
    void anUnknownMeetingIsA404PageWithItsRuleCode() {
        WebSession.Page page = web.get("/accreditation/liaison/987654321");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("ACC-404");
        WebSession.Page lang = web.get("/accreditation/briefing.pdf?lang=xx");
        assertThat(lang.status()).isEqualTo(422);
        assertThat(lang.body()).contains("ACC-170");
    }
}
