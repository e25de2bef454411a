package org.electora.accreditation.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.electora.accreditation.ApplicationStatus;
import org.electora.platform.PageController;
import org.electora.platform.Ui;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import tools.jackson.databind.json.JsonMapper;

/** The staff dashboard of accreditation: tables of every figure, and ECharts charts drawn from the same figures. */
@Controller
public class StatisticsPages implements PageController {

    /** Charts show the largest rows; the tables beside them show every row. */
    static final int CHART_ROWS = 15;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AccreditationReports reports;

    StatisticsPages(AccreditationReports reports) {
        this.reports = reports;
    }

    /** Public because the dashboard's template reads it. */
    public record Dashboard(AccreditationStatistics statistics, String headline, String chartData, Locale locale) {
        public String country(String code) {
            return ReportViews.country(code, locale);
        }

        public List<ApplicationStatus> statuses() {
            return List.of(ApplicationStatus.values());
        }
    }

    @GetMapping("/accreditation/statistics")
    String dashboard(@ModelAttribute("ui") Ui ui, Model model) {
        AccreditationStatistics s = reports.statistics();
        model.addAttribute("dashboard", new Dashboard(s, reports.headlineSentence(s.headline(), ui.locale()),
                chartData(s, ui), ui.locale()));
        return "accreditation/statistics";
    }

    /** Labels already translated, so that the script only draws. */
    private static String chartData(AccreditationStatistics s, Ui ui) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("statuses", s.byStatus().keySet().stream().map(k -> ui.t("accr.status." + k.name())).toList());
        d.put("byStatus", s.byStatus().values());
        d.put("accreditedLabel", ui.t("accStats.accredited"));
        d.put("applicationsLabel", ui.t("accStats.applications"));
        d.put("categories", series(s.byCategory().stream().map(b -> new Object[]{ui.t("accr.category." + b.key()), b.applications(), b.accredited()}).toList()));
        d.put("countries", series(s.byCountry().stream().limit(CHART_ROWS)
                .map(b -> new Object[]{ReportViews.country(b.key(), ui.locale()), b.applications(), b.accredited()}).toList()));
        d.put("organisations", series(s.byOrganisation().stream().filter(o -> o.applications() > 0).limit(CHART_ROWS)
                .map(o -> new Object[]{o.name(), o.applications(), o.accredited()}).toList()));
        return JSON.writeValueAsString(d);
    }

    private static Map<String, Object> series(List<Object[]> rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("labels", rows.stream().map(r -> r[0]).toList());
        m.put("applications", rows.stream().map(r -> r[1]).toList());
        m.put("accredited", rows.stream().map(r -> r[2]).toList());
        return m;
    }
}
