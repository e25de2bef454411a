package org.electora.results.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.electora.election.Contest;
import org.electora.election.Election;
import org.electora.election.Elections;
import org.electora.geography.Constituency;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.platform.AccessDenied;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.PageController;
import org.electora.platform.PageNotice;
import org.electora.platform.PdfText;
import org.electora.platform.Problem;
import org.electora.platform.Scope;
import org.electora.platform.StaffMember;
import org.electora.platform.Ui;
import org.electora.results.ProtocolScan;
import org.electora.results.ProtocolVersion;
import org.electora.results.ProtocolView;
import org.electora.results.Protocols;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Keying paper protocols: the operator's stations, the entry form, the supervisor's comparison of two entries, the
 * acceptance of a verified protocol and the scan of the signed paper. Every check is the services'; a refusal is
 * shown on the page with its rule code.
 */
@Controller
class EntryPages implements PageController {

    private final DoubleEntries entries;
    private final Protocols protocols;
    private final Elections elections;
    private final ElectoralMap map;
    private final ProtocolStore store;
    private final EntryStore entryStore;
    private final PostedCopyPdf postedCopy;
    /** The address the public reaches Electora at, for the QR codes printed on paper; blank: the request's own. */
    private final String publicUrl;

    private final Clock clock;

    EntryPages(DoubleEntries entries, Protocols protocols, Elections elections, ElectoralMap map, ProtocolStore store,
               EntryStore entryStore, PostedCopyPdf postedCopy, @Value("${electora.public-url:}") String publicUrl,
               Clock clock) {
        this.clock = clock;
        this.postedCopy = postedCopy;
        this.publicUrl = publicUrl.strip().replaceAll("/+$", "");
        this.entries = entries;
        this.protocols = protocols;
        this.elections = elections;
        this.map = map;
        this.store = store;
        this.entryStore = entryStore;
    }

    @GetMapping("/entry")
    String list(@RequestParam(required = false) Long election, @RequestParam(required = false) Long constituency, Model model) {
        StaffMember staff = CurrentStaff.require();
        if (!SubmittingProtocols.SUBMITTERS.contains(staff.role())) {
            throw new AccessDenied("Your role does not key protocols");
        }
        Elections.Choice choice = elections.choose(SubmittingProtocols.RECEIVING, election);
        Optional<Election> chosen = choice.chosen();
        model.addAttribute("elections", choice.offered());
        model.addAttribute("election", chosen.orElse(null));
        List<Constituency> constituencies = List.of();
        List<PollingStation> stations = List.of();
        if (chosen.isPresent()) {
            var version = chosen.get().mapVersionId();
            if (staff.scope() instanceof Scope.National) {
                constituencies = map.constituencies(version);
            }
            stations = map.stationsInScope(version, staff.scope(), constituency);
        }
        long[] ids = stations.stream().mapToLong(s -> s.id().value()).toArray();
        Map<Long, List<EntryStationRow>> rows = new HashMap<>();
        List<Contest> contests = chosen.map(e -> elections.contests(e.id())).orElse(List.of());
        Map<Long, Closing> closings = new HashMap<>();
        if (chosen.isPresent()) {
            PollingHours.Closings hours = new PollingHours.Closings(chosen.get());
            ZoneId capital = map.capitalZone(chosen.get().mapVersionId());
            Instant now = clock.instant();
            stations.forEach(s -> closings.put(s.id().value(), hours.closing(s.timeZone(), capital, now)));
        }
        for (Contest contest : contests) {
            Map<Long, ProtocolView> byStation = new HashMap<>();
            store.byStations(contest.id().value(), ids).forEach(p -> byStation.put(p.stationId(), p));
            Map<Long, Integer> open = entryStore.openCounts(contest.id().value(), ids);
            List<EntryStationRow> list = new ArrayList<>();
            for (PollingStation s : stations) {
                ProtocolView p = byStation.get(s.id().value());
                list.add(new EntryStationRow(s, p == null ? null : p.status(), open.getOrDefault(s.id().value(), 0),
                        closings.get(s.id().value())));
            }
            rows.put(contest.id().value(), list);
        }
        model.addAttribute("contests", contests);
        model.addAttribute("constituencies", constituencies);
        model.addAttribute("constituency", constituency);
        model.addAttribute("rows", rows);
        return "results/entries";
    }

    @GetMapping("/entry/{contest}/{station}")
    String entry(@PathVariable long contest, @PathVariable long station, Model model) {
        EntrySheet sheet = entries.sheet(contest, station);
        model.addAttribute("sheet", sheet);
        List<ProtocolVersion> versions = sheet.protocol().map(p -> protocols.versions(p.id())).orElse(List.of());
        model.addAttribute("current", versions.isEmpty() ? null : versions.getLast());
        model.addAttribute("closing", new PollingHours.Closings(sheet.election())
                .closing(sheet.station().timeZone(), map.capitalZone(sheet.election().mapVersionId()), clock.instant()));
        if (!model.containsAttribute("notice")) {
            model.addAttribute("notice", null);
        }
        return "results/entry";
    }

    /**
     * The copy of the station's protocol to post at the door (its current version), with a QR code of the station's
     * public results page; 404 GEN-404 while no protocol is in. The same readers and scope as the entry page.
     */
    @GetMapping("/entry/{contest}/{station}/posted-copy.pdf")
    ResponseEntity<byte[]> postedCopy(@PathVariable long contest, @PathVariable long station, Locale locale,
                                      HttpServletRequest request) {
        EntrySheet sheet = entries.sheet(contest, station);
        ProtocolView protocol = sheet.protocol()
                .orElseThrow(() -> new NotFound("No protocol of station " + sheet.station().code() + " is in yet"));
        ProtocolVersion current = protocols.versions(protocol.id()).getLast();
        String base = publicUrl.isEmpty() ? ServletUriComponentsBuilder.fromContextPath(request).build().toUriString() : publicUrl;
        String page = base + "/results/elections/" + sheet.election().id().value() + "/stations/" + sheet.station().code();
        byte[] pdf = postedCopy.render(sheet, protocol, current, page, Ui.supported(locale));
        return PdfText.inline(pdf, "protocol-" + sheet.station().code() + "-v" + current.number() + ".pdf");
    }

    /**
     * The scan of the signed paper attached to one version of the station's protocol, for the readers of the entry
     * page and in its scope (refused as there); 404 when that version has none. Staff compare it with the numbers
     * before it is published; the public sees it once a snapshot names it.
     */
    @GetMapping("/entry/{contest}/{station}/versions/{version}/scan")
    ResponseEntity<byte[]> scanOf(@PathVariable long contest, @PathVariable long station, @PathVariable int version) {
        EntrySheet sheet = entries.sheet(contest, station);
        ProtocolView protocol = sheet.protocol()
                .orElseThrow(() -> new NotFound("No protocol of station " + sheet.station().code() + " is in yet"));
        String code = sheet.station().code();
        ProtocolScan scan = protocols.scan(protocol.id(), version)
                .orElseThrow(() -> new NotFound("Version " + version + " of the protocol of station " + code + " has no scan"));
        String filename = "scan-" + code.replace('/', '-') + "-v" + version + "." + ScanTypes.extension(scan.mediaType());
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(scan.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(filename).build().toString())
                .eTag("\"" + scan.sha256() + "\"")
                .cacheControl(CacheControl.noCache().cachePrivate())
                .body(scan.content());
    }

    @PostMapping("/entry/{contest}/{station}")
    String enter(@PathVariable long contest, @PathVariable long station, @RequestParam Map<String, String> form,
                 RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", PageNotice.attempt(form, () -> {
            List<Problem> problems = new ArrayList<>();
            Map<Integer, Long> lines = numbers(form, "line-", problems);
            Map<Integer, Long> votes = numbers(form, "vote-", problems);
            if (!problems.isEmpty()) {
                throw new InvalidInput(problems);
            }
            return switch (entries.enter(contest, station, lines, votes)) {
                case DoubleEntries.Outcome.Waiting w -> PageNotice.done("entry.waiting");
                case DoubleEntries.Outcome.Matched m -> PageNotice.done("entry.matched." + m.submitted().status());
                case DoubleEntries.Outcome.Mismatched m -> PageNotice.warning("entry.mismatched");
            };
        }));
        return "redirect:/entry/" + contest + "/" + station;
    }

    @PostMapping("/entry/{contest}/{station}/resolution")
    String resolve(@PathVariable long contest, @PathVariable long station, @RequestParam Map<String, String> form,
                   RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", PageNotice.attempt(form, () -> {
            EntrySheet sheet = entries.sheet(contest, station);
            // The sheet shows the mismatch to supervisors only: anyone else would otherwise be told "nothing to
            // resolve" (RES-023) instead of being refused as DoubleEntries.resolve refuses them.
            if (!sheet.supervisor()) {
                throw new AccessDenied("Only a constituency commission or the CEC resolves double entries");
            }
            Map<Integer, Long> lines = new HashMap<>();
            Map<Integer, Long> votes = new HashMap<>();
            List<Problem> problems = new ArrayList<>();
            for (EntryRow row : sheet.mismatch()) {
                Long value = chosen(row, form, problems);
                int n = Integer.parseInt(row.field().substring(5));
                (row.field().startsWith("line-") ? lines : votes).put(n, value);
            }
            if (sheet.mismatch().isEmpty()) {
                // Shown only to a supervisor who may resolve it: the service says why there is none (RES-023, RES-021).
                entries.requireResolvable(contest, station);
                throw new Conflict(DoubleEntries.NOTHING_TO_RESOLVE, "There is no mismatch for you to resolve here");
            }
            if (!problems.isEmpty()) {
                throw new InvalidInput(problems);
            }
            return PageNotice.done("entry.resolved." + entries.resolve(contest, station, lines, votes).status());
        }));
        return "redirect:/entry/" + contest + "/" + station;
    }

    @PostMapping("/entry/{contest}/{station}/acceptance")
    String accept(@PathVariable long contest, @PathVariable long station, @RequestParam int version, RedirectAttributes redirect) {
        CurrentStaff.requireRole(SubmittingProtocols.DECIDERS, "Only a constituency commission or the CEC decides on protocols");
        redirect.addFlashAttribute("notice", PageNotice.attempt(() -> {
            protocols.accept(current(contest, station).id(), version);
            return PageNotice.done("entry.accepted");
        }));
        return "redirect:/entry/" + contest + "/" + station;
    }

    @PostMapping("/entry/{contest}/{station}/scan")
    String scan(@PathVariable long contest, @PathVariable long station, @RequestParam int version,
                @RequestParam("file") MultipartFile file, RedirectAttributes redirect) throws IOException {
        byte[] content = file.getBytes();
        redirect.addFlashAttribute("notice", PageNotice.attempt(() -> {
            protocols.attachScan(current(contest, station).id(), version, null, content);
            return PageNotice.done("entry.scanAttached");
        }));
        return "redirect:/entry/" + contest + "/" + station;
    }

    /**
     * The station's protocol, for whoever may open the station's entry page (refused as there, whether or not the
     * station has a protocol: a 404 for one without would tell anyone refused which stations have reported).
     */
    private ProtocolView current(long contest, long station) {
        return entries.sheet(contest, station).protocol().orElseThrow(() -> new NotFound("No protocol yet"));
    }

    private static Long chosen(EntryRow row, Map<String, String> form, List<Problem> problems) {
        String typed = form.getOrDefault("typed-" + row.field(), "").strip();
        if (!typed.isEmpty()) {
            try {
                return Long.parseLong(typed);
            } catch (NumberFormatException e) {
                problems.add(Problem.at(0, "RES-016", row.field(), row.label() + ": \"" + typed + "\" is not a whole number"));
                return null;
            }
        }
        if (!row.differs()) {
            return row.a();
        }
        return switch (form.getOrDefault("pick-" + row.field(), "")) {
            case "a" -> row.a();
            case "b" -> row.b();
            default -> {
                problems.add(Problem.at(0, "RES-024", row.field(), row.label()
                        + ": choose entry A or B, or type the value checked on the paper protocol"));
                yield null;
            }
        };
    }

    /**
     * The numbered fields of a form ({@code line-7}, {@code vote-2}); a blank field is missing, not zero. A field that
     * is not a whole number is added to {@code problems} (RES-016), so that one refusal names every such field.
     */
    static Map<Integer, Long> numbers(Map<String, String> form, String prefix, List<Problem> problems) {
        Map<Integer, Long> numbers = new HashMap<>();
        form.forEach((name, value) -> {
            if (!name.startsWith(prefix) || value == null || value.isBlank()) {
                return;
            }
            int n;
            try {
                n = Integer.parseInt(name.substring(prefix.length()));
            } catch (NumberFormatException e) {
                return;
            }
            try {
                numbers.put(n, Long.parseLong(value.strip()));
            } catch (NumberFormatException e) {
                String label = prefix.equals("line-") ? "Line " + n : "Votes for candidate " + n;
                problems.add(Problem.at(0, "RES-016", name, label + ": \"" + value + "\" is not a whole number"));
            }
        });
        return numbers;
    }
}
