package org.electora.registry.internal.register;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.electora.election.Election;
import org.electora.election.ElectionId;
import org.electora.election.Elections;
import org.electora.geography.Constituency;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.geography.PollingStationId;
import org.electora.platform.AccessDenied;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.PageController;
import org.electora.platform.Problem;
import org.electora.platform.Role;
import org.electora.platform.Scope;
import org.electora.platform.StaffMember;
import org.electora.platform.Ui;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.electora.registry.internal.register.VoterListViews.ChangeRow;
import org.electora.registry.internal.register.VoterListViews.PrintRow;
import org.electora.registry.internal.register.VoterListViews.StationPage;
import org.electora.registry.internal.register.VoterListViews.StationRow;

/**
 * The voter-list pages for precinct and constituency officials and consular officers: the stations of their scope
 * with list counts, and a station's page with its printings, the change log since the first printing and the
 * downloads (a reason asked, every download logged). Every check is {@link RegisterLists}'s.
 */
@Controller
class VoterListPages implements PageController {

    static final Set<Role> ROLES = Set.of(Role.CEC_ADMIN, Role.CONSTITUENCY_OPERATOR, Role.PRECINCT_OPERATOR, Role.CONSULAR_OFFICER);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final RegisterLists lists;
    private final Elections elections;
    private final ElectoralMap map;
    private final MessageSource messages;
    private final PollingDayAdditions additions;

    VoterListPages(RegisterLists lists, Elections elections, ElectoralMap map, MessageSource messages,
                   PollingDayAdditions additions) {
        this.lists = lists;
        this.elections = elections;
        this.map = map;
        this.messages = messages;
        this.additions = additions;
    }

    @GetMapping("/register/lists")
    String stations(@RequestParam(required = false) Long election, @RequestParam(required = false) Long constituency, Model model) {
        StaffMember staff = CurrentStaff.requireRole(ROLES, "Your role does not read voter lists");
        List<Election> all = elections.all().stream().sorted(Comparator.comparingLong(e -> e.id().value())).toList();
        Optional<Election> chosen = election == null ? elections.current()
                : all.stream().filter(e -> e.id().value() == election).findFirst();
        List<Constituency> constituencies = List.of();
        List<PollingStation> stations = List.of();
        if (chosen.isPresent()) {
            var version = chosen.get().mapVersionId();
            if (staff.scope() instanceof Scope.National) {
                constituencies = map.constituencies(version);
            }
            stations = map.stationsInScope(version, staff.scope(), constituency);
            stations = stations.stream().filter(s -> staff.may(s.jurisdiction())).toList();
        }
        List<PollingStation> inScope = stations;
        var counts = chosen.map(e -> lists.counts(e.id().value(), inScope.stream().map(s -> s.id().value()).toList()))
                .orElse(java.util.Map.of());
        List<StationRow> rows = stations.stream().map(s -> {
            var c = counts.getOrDefault(s.id().value(), new RegisterLists.Counts(s.id().value(), 0, 0, 0, 0, 0));
            return new StationRow(s.id().value(), s.number(), s.code(), s.name(), s.resettledArea(), c.voters(),
                    c.supplementary(), c.transferred(), c.displaced(), c.printedVersion());
        }).toList();
        model.addAttribute("elections", all);
        model.addAttribute("election", chosen.orElse(null));
        model.addAttribute("constituencies", constituencies);
        model.addAttribute("constituency", constituency);
        model.addAttribute("rows", rows);
        return "registry/lists";
    }

    @GetMapping("/register/lists/{station}")
    String station(@PathVariable long station, @RequestParam(required = false) Long election,
                   @RequestParam(required = false) String added, Model model, HttpServletRequest request) {
        StaffMember staff = CurrentStaff.requireRole(ROLES, "Your role does not read voter lists");
        RegisterLists.Summary summary = lists.summary(station, election);
        PollingStation s = map.station(new PollingStationId(station)).orElseThrow();
        ZoneId zone = s.timeZone();
        var labels = VoterListsApiController.labels(messages, RequestContextUtils.getLocale(request));
        List<ChangeRow> changes = lists.changes(station, summary.electionId()).stream()
                .map(c -> new ChangeRow(c.listNumber() == null ? "" : c.listNumber() + (c.onPrintedList() ? "" : " *"),
                        labels.apply("list.change." + c.kind()), time(c.at(), zone), c.by() == null ? "" : c.by(),
                        c.why() == null ? "" : c.why()))
                .toList();
        List<PrintRow> prints = summary.prints().stream()
                .map(p -> new PrintRow(p.version(), time(p.printedAt(), zone), p.printedBy(), p.pdfSha256(), p.voters(),
                        p.supplementary(), p.changes()))
                .toList();
        model.addAttribute("page", new StationPage(summary.electionId(), summary.electionName(), station, s.number(),
                s.code(), s.name(), s.address(), zone.getId(), s.resettledArea(), summary.voters(), summary.supplementary(),
                summary.transferred(), summary.displaced(), prints, changes,
                PollingDayAdditions.ROLES.contains(staff.role()) && elections.byId(new ElectionId(summary.electionId()))
                        .map(e -> additions.open(e, s)).orElse(false),
                added != null));
        return "registry/list";
    }

    /** The precinct's form for a polling-day addition; refusals show on the refused page with their rule code. */
    @PostMapping("/register/lists/{station}/supplementary")
    String addOnPollingDay(@PathVariable long station, @RequestParam(required = false) Long election,
                           @RequestParam(required = false) String nationalId, @RequestParam(required = false) String reason) {
        PollingDayAdditions.Added added = additions.add(station, new PollingDayAdditions.Request(nationalId, reason, election));
        return "redirect:/register/lists/" + station + "?election=" + added.electionId() + "&added=" + added.registrationId();
    }

    @GetMapping("/register/lists/{station}/list.csv")
    ResponseEntity<byte[]> csv(@PathVariable long station, @RequestParam(required = false) Long election,
                               @RequestParam(required = false) String reason) {
        CurrentStaff.requireRole(ROLES, "Your role does not read voter lists");
        RegisterLists.Download csv = lists.csv(station, election, reason);
        return VoterListsApiController.file(HttpStatus.OK, VoterListsApiController.CSV, csv.fileName(), csv.body()).body(csv.body());
    }

    @GetMapping("/register/lists/{station}/list.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable long station, @RequestParam(required = false) Long election,
                               @RequestParam(required = false) String reason, HttpServletRequest request) {
        CurrentStaff.requireRole(ROLES, "Your role does not read voter lists");
        RegisterLists.Download pdf = lists.draftPdf(station, election, reason,
                VoterListsApiController.labels(messages, RequestContextUtils.getLocale(request)));
        return VoterListsApiController.file(HttpStatus.OK, MediaType.APPLICATION_PDF, pdf.fileName(), pdf.body()).body(pdf.body());
    }

    @PostMapping("/register/lists/{station}/prints")
    ResponseEntity<byte[]> print(@PathVariable long station, @RequestParam(required = false) Long election,
                                 @RequestParam(required = false) String reason, HttpServletRequest request) {
        CurrentStaff.requireRole(ROLES, "Your role does not read voter lists");
        RegisterLists.Printed printed = lists.print(station, election, reason,
                VoterListsApiController.labels(messages, RequestContextUtils.getLocale(request)));
        return VoterListsApiController.file(HttpStatus.CREATED, MediaType.APPLICATION_PDF, printed.fileName(), printed.pdf())
                .header("X-List-Version", Integer.toString(printed.version()))
                .header("X-Content-SHA256", printed.sha256()).body(printed.pdf());
    }

    private static String time(Instant at, ZoneId zone) {
        return at == null ? "" : TIME.format(at.atZone(zone));
    }

    @ExceptionHandler(AccessDenied.class)
    String denied(AccessDenied e, Model model, HttpServletRequest request, HttpServletResponse response) {
        return refused(403, e.getMessage(), model, request, response);
    }

    @ExceptionHandler(NotFound.class)
    String notFound(NotFound e, Model model, HttpServletRequest request, HttpServletResponse response) {
        return refused(404, (e.ruleCode() == null ? "" : e.ruleCode() + ": ") + e.getMessage(), model, request, response);
    }

    @ExceptionHandler(InvalidInput.class)
    String invalid(InvalidInput e, Model model, HttpServletRequest request, HttpServletResponse response) {
        return refused(422, e.problems().stream().map(Problem::toString).reduce((a, b) -> a + "; " + b).orElse(""), model,
                request, response);
    }

    @ExceptionHandler(Conflict.class)
    String conflict(Conflict e, Model model, HttpServletRequest request, HttpServletResponse response) {
        return refused(409, e.ruleCode() + ": " + e.getMessage(), model, request, response);
    }

    /** Exception handlers get no {@code @ModelAttribute}s: the page's {@link Ui} is made here. */
    private String refused(int status, String message, Model model, HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("ui", Ui.of(messages, request));
        model.addAttribute("status", status);
        model.addAttribute("message", message);
        return "registry/lists-refused";
    }
}
