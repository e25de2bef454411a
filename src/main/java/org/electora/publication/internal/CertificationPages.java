package org.electora.publication.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.electora.election.Contest;
import org.electora.election.Election;
import org.electora.election.ElectionId;
import org.electora.election.ElectionStatus;
import org.electora.election.Elections;
import org.electora.geography.ElectoralMap;
import org.electora.platform.AccessDenied;
import org.electora.platform.CurrentStaff;
import org.electora.platform.PageController;
import org.electora.platform.PageNotice;
import org.electora.platform.Role;
import org.electora.publication.Certification;
import org.electora.publication.Publishing;
import org.electora.publication.ResultsSnapshot;
import org.electora.results.ConstituencyProtocols;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The CEC's certification page: for each contest how many constituencies signed their summary protocol and which
 * have not, the latest published snapshot, and the certification itself ({@link Certification}: refused with its
 * rule code, e.g. PUB-010 while a constituency has not signed, and nothing changes).
 */
@Controller
public class CertificationPages implements PageController {

    /** A contest's constituencies: how many there are and the codes of those that have not signed. */
    public record ContestSignatures(Contest contest, int constituencies, List<String> unsigned) {
    }


    private static final Set<ElectionStatus> SHOWN = EnumSet.of(ElectionStatus.COUNTING, ElectionStatus.RESULTS_CERTIFIED);

    private final Elections elections;
    private final ElectoralMap map;
    private final ConstituencyProtocols constituencyProtocols;
    private final Publishing publishing;
    private final Certification certification;

    CertificationPages(Elections elections, ElectoralMap map, ConstituencyProtocols constituencyProtocols,
                       Publishing publishing, Certification certification) {
        this.elections = elections;
        this.map = map;
        this.constituencyProtocols = constituencyProtocols;
        this.publishing = publishing;
        this.certification = certification;
    }

    private static void requireCec() {
        if (CurrentStaff.require().role() != Role.CEC_ADMIN) {
            throw new AccessDenied("Only the CEC certifies results");
        }
    }

    @GetMapping("/certification")
    String page(@RequestParam(required = false) Long election, Model model) {
        requireCec();
        Elections.Choice choice = elections.choose(SHOWN, election);
        Optional<Election> chosen = choice.chosen();
        List<ContestSignatures> contests = chosen.map(e -> {
            int constituencies = map.constituencies(e.mapVersionId()).size();
            return elections.contests(e.id()).stream().map(c -> new ContestSignatures(c, constituencies,
                    constituencyProtocols.unsigned(c.id().value()))).toList();
        }).orElse(List.of());
        Optional<ResultsSnapshot> latest = chosen.flatMap(e -> publishing.latest(e.id().value()));
        model.addAttribute("elections", choice.offered());
        model.addAttribute("election", chosen.orElse(null));
        model.addAttribute("contests", contests);
        model.addAttribute("latest", latest.orElse(null));
        model.addAttribute("ready", contests.stream().allMatch(c -> c.unsigned().isEmpty()));
        if (!model.containsAttribute("notice")) {
            model.addAttribute("notice", null);
        }
        return "publication/certification";
    }

    @PostMapping("/certification/{election}")
    String certify(@PathVariable long election, @RequestParam int version, RedirectAttributes redirect) {
        requireCec();
        PageNotice notice = PageNotice.attempt(() -> {
            certification.certify(new ElectionId(election), version);
            return PageNotice.done("certification.done");
        });
        redirect.addFlashAttribute("notice", notice);
        return "redirect:/certification?election=" + election;
    }
}
