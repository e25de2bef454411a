package org.electora.accreditation.internal;

import java.util.EnumSet;
import java.util.Set;

import org.electora.platform.CurrentStaff;
import org.electora.platform.Role;
import org.electora.platform.StaffMember;

/**
 * Who reads the accreditation reports and keeps the mission liaison (docs/accreditation.md, "Who may"). The foreign
 * ministry's staff on the platform are consular officers; the meetings with heads of missions and the briefing
 * pack are national matters, so their mission scope does not narrow these (aggregates and organisations, no map
 * data, no applicant's personal data).
 */
final class ReportRoles {

    /** Aggregates only: auditors too (read-only, no personal data). */
    static final Set<Role> STATISTICS = EnumSet.of(Role.CEC_ADMIN, Role.ACCREDITATION_OFFICER, Role.CONSULAR_OFFICER, Role.AUDITOR);
    static final Set<Role> BRIEFING = STATISTICS;
    /** Meetings name officials and record what was agreed: the people who hold them, not auditors. */
    static final Set<Role> LIAISON = EnumSet.of(Role.CEC_ADMIN, Role.ACCREDITATION_OFFICER, Role.CONSULAR_OFFICER);

    static final String STATISTICS_AUTHORITIES = "hasAnyRole('CEC_ADMIN', 'ACCREDITATION_OFFICER', 'CONSULAR_OFFICER', 'AUDITOR')";
    static final String LIAISON_AUTHORITIES = "hasAnyRole('CEC_ADMIN', 'ACCREDITATION_OFFICER', 'CONSULAR_OFFICER')";

    private ReportRoles() {
    }

    static StaffMember require(Set<Role> roles) {
        return CurrentStaff.requireRole(roles, "Your role may not read or keep these accreditation reports");
    }
}
