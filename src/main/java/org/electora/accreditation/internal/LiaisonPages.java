package org.electora.accreditation.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.electora.accreditation.internal.Liaison.FollowUpStatus;
import org.electora.platform.Conflict;
import org.electora.platform.InvalidInput;
import org.electora.platform.PageController;
import org.electora.platform.Problem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The liaison pages: meetings newest first with a form to record one, and a meeting with its follow-ups. Every
 * check is the service's; a refusal is shown on the page with its rule codes, the form keeping what was typed.
 */
@Controller
public class LiaisonPages implements PageController {

    private final LiaisonService liaison;
    private final LiaisonStore store;

    LiaisonPages(LiaisonService liaison, LiaisonStore store) {
        this.liaison = liaison;
        this.store = store;
    }

    /** What the meeting form was filled with, to show it again next to its problems. Public for the template. */
    public record MeetingForm(String heldOn, String place, String participants, List<Long> organisationIds, String topics,
                              String notes, List<String> actions, List<String> owners, List<String> dues) {
        static MeetingForm empty() {
            return new MeetingForm("", "", "", List.of(), "", "", List.of("", "", ""), List.of("", "", ""), List.of("", "", ""));
        }

        public String action(int i) {
            return i < actions.size() ? actions.get(i) : "";
        }

        public String owner(int i) {
            return i < owners.size() ? owners.get(i) : "";
        }

        public String due(int i) {
            return i < dues.size() ? dues.get(i) : "";
        }
    }

    @GetMapping("/accreditation/liaison")
    String list(@RequestParam(required = false) Long organisation, Model model) {
        return list(model, organisation, MeetingForm.empty(), List.of());
    }

    private String list(Model model, Long organisation, MeetingForm form, List<Problem> problems) {
        model.addAttribute("meetings", liaison.meetings(organisation));
        model.addAttribute("organisations", store.organisations());
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("today", liaison.today());
        return "accreditation/liaison-list";
    }

    @PostMapping("/accreditation/liaison")
    String record(@RequestParam MultiValueMap<String, String> params, Model model, HttpServletResponse response) {
        MeetingForm form = new MeetingForm(first(params, "heldOn"), first(params, "place"), first(params, "participants"),
                ids(params.get("organisationId")), first(params, "topics"), first(params, "notes"),
                all(params, "action"), all(params, "owner"), all(params, "dueOn"));
        List<Problem> problems = new ArrayList<>();
        LocalDate heldOn = date(form.heldOn(), "heldOn", problems);
        List<Liaison.NewFollowUp> followUps = new ArrayList<>();
        for (int i = 0; i < Math.max(form.actions().size(), Math.max(form.owners().size(), form.dues().size())); i++) {
            if (form.action(i).isBlank() && form.owner(i).isBlank() && form.due(i).isBlank()) {
                continue;
            }
            followUps.add(new Liaison.NewFollowUp(form.action(i), form.owner(i), date(form.due(i), "followUps[" + i + "].dueOn", problems)));
        }
        try {
            if (!problems.isEmpty()) {
                throw new InvalidInput(problems);
            }
            Liaison.Meeting m = liaison.record(new Liaison.NewMeeting(heldOn, form.place(), lines(form.participants()),
                    form.organisationIds(), lines(form.topics()), form.notes(), followUps));
            return "redirect:/accreditation/liaison/" + m.id();
        } catch (InvalidInput e) {
            response.setStatus(422);
            return list(model, null, form, e.problems());
        }
    }

    @GetMapping("/accreditation/liaison/{id}")
    String meeting(@PathVariable long id, Model model) {
        return meeting(model, id, List.of());
    }

    private String meeting(Model model, long id, List<Problem> problems) {
        model.addAttribute("meeting", liaison.meeting(id));
        model.addAttribute("problems", problems);
        model.addAttribute("today", liaison.today());
        return "accreditation/liaison-meeting";
    }

    @PostMapping("/accreditation/liaison/{id}/follow-ups")
    String addFollowUp(@PathVariable long id, @RequestParam Map<String, String> form, Model model,
                       HttpServletResponse response) {
        List<Problem> problems = new ArrayList<>();
        LocalDate due = date(form.getOrDefault("dueOn", ""), "dueOn", problems);
        try {
            if (!problems.isEmpty()) {
                throw new InvalidInput(problems);
            }
            liaison.addFollowUp(id, new Liaison.NewFollowUp(form.get("action"), form.get("owner"), due));
            return "redirect:/accreditation/liaison/" + id;
        } catch (InvalidInput e) {
            response.setStatus(422);
            return meeting(model, id, e.problems());
        }
    }

    @PostMapping("/accreditation/liaison/{id}/follow-ups/{followUp}/status")
    String changeStatus(@PathVariable long id, @PathVariable long followUp, @RequestParam String status,
                        @RequestParam int version, Model model) {
        try {
            liaison.changeStatus(followUp, new Liaison.StatusChange(FollowUpStatus.valueOf(status), version, null));
            return "redirect:/accreditation/liaison/" + id;
        } catch (InvalidInput e) {
            return meeting(model, id, e.problems());
        } catch (Conflict e) {
            return meeting(model, id, List.of(Problem.at(0, e.ruleCode(), null, e.getMessage())));
        }
    }

    private static LocalDate date(String text, String field, List<Problem> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(Problem.at(0, "GEN-400", field, field + " is not a date (YYYY-MM-DD): " + text));
            return null;
        }
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String first(MultiValueMap<String, String> params, String name) {
        String v = params.getFirst(name);
        return v == null ? "" : v;
    }

    private static List<String> all(MultiValueMap<String, String> params, String name) {
        List<String> v = params.get(name);
        return v == null ? List.of() : List.copyOf(v);
    }

    private static List<Long> ids(List<String> values) {
        if (values == null) {
            return List.of();
        }
        List<Long> out = new ArrayList<>();
        for (String v : values) {
            try {
                out.add(Long.parseLong(v.strip()));
            } catch (NumberFormatException e) {
                out.add(-1L);
            }
        }
        return out;
    }
}
