package org.electora.accreditation.internal;

import java.net.URI;
import java.util.List;

import org.electora.accreditation.internal.Liaison.FollowUp;
import org.electora.accreditation.internal.Liaison.Meeting;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Mission liaison over the API: meetings with heads of missions and their follow-ups. */
@RestController
@RequestMapping("/api/v1/accreditation/liaison")
@PreAuthorize(ReportRoles.LIAISON_AUTHORITIES)
class LiaisonApiController {

    private final LiaisonService liaison;

    LiaisonApiController(LiaisonService liaison) {
        this.liaison = liaison;
    }

    @PostMapping("/meetings")
    ResponseEntity<Meeting> record(@RequestBody Liaison.NewMeeting body) {
        Meeting m = liaison.record(body);
        return ResponseEntity.created(URI.create("/api/v1/accreditation/liaison/meetings/" + m.id())).body(m);
    }

    @GetMapping("/meetings")
    List<Meeting> meetings(@RequestParam(required = false) Long organisationId) {
        return liaison.meetings(organisationId);
    }

    @GetMapping("/meetings/{id}")
    Meeting meeting(@PathVariable long id) {
        return liaison.meeting(id);
    }

    @PostMapping("/meetings/{id}/follow-ups")
    ResponseEntity<FollowUp> addFollowUp(@PathVariable long id, @RequestBody Liaison.NewFollowUp body) {
        FollowUp f = liaison.addFollowUp(id, body);
        return ResponseEntity.created(URI.create("/api/v1/accreditation/liaison/follow-ups/" + f.id())).body(f);
    }

    @PostMapping("/follow-ups/{id}/status")
    FollowUp changeStatus(@PathVariable long id, @RequestBody Liaison.StatusChange body) {
        return liaison.changeStatus(id, body);
    }
}
