package org.electora.accreditation.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.electora.accreditation.AccreditationLifecycle;
import org.electora.accreditation.ApplicationCategory;
import org.electora.accreditation.ApplicationStatus;
import org.electora.accreditation.BadgeRevoked;
import org.electora.accreditation.OrganisationKind;
import org.electora.accreditation.ReviewAction;
import org.electora.accreditation.ReviewTransition;
import org.electora.audit.AuditLog;
import org.electora.platform.AccessDenied;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.Problem;
import org.electora.platform.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The accreditation officer's work: registering organisations and missions, taking applications (quota, one live
 * application per person), and moving them through {@link AccreditationLifecycle} up to a signed badge.
 */
@Service
class Accrediting {

    static final String MISSING = "ACC-001";
    static final String BAD_COUNTRY = "ACC-002";
    static final String BAD_DATES = "ACC-003";
    static final String BAD_QUOTA = "ACC-004";
    static final String BAD_LANGUAGE = "ACC-005";
    static final String BAD_DOCUMENT = "ACC-006";
    static final String DUPLICATE_ORGANISATION = "ACC-007";
    static final String OVER_QUOTA = "ACC-010";
    static final String SAME_PERSON_OTHER_ORGANISATION = "ACC-011";
    static final String SAME_PERSON_SAME_ORGANISATION = "ACC-012";
    static final String NO_VALIDITY = "ACC-030";
    static final String NOT_PRINTABLE = "ACC-031";
    static final String STALE = "ACC-409";
    static final String UNKNOWN = "ACC-404";

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    record NewOrganisation(String name, OrganisationKind kind, String country, String contactName, String contactEmail,
                           String contactPhone, String headOfMission, LocalDate arrivalDate, LocalDate departureDate,
                           Integer quota) {
    }

    record NewApplication(Long organisationId, ApplicationCategory category, String givenNames, String familyName,
                          String documentNumber, String nationality, List<String> languages) {
    }

    record Decision(ReviewAction action, String reason, Integer version, LocalDate validFrom, LocalDate validUntil) {
    }

    private final AccreditationStore store;
    private final BadgeCredentials credentials;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final BadgePdf pdf;

    Accrediting(AccreditationStore store, BadgeCredentials credentials, AuditLog audit, ApplicationEventPublisher events,
                Clock clock, BadgePdf pdf) {
        this.pdf = pdf;
        this.store = store;
        this.credentials = credentials;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Accreditation is national work: the accreditation officer, or a CEC administrator overseeing it. */
    static void requireOfficer() {
        Role role = CurrentStaff.require().role();
        if (role != Role.ACCREDITATION_OFFICER && role != Role.CEC_ADMIN) {
            throw new AccessDenied("Only the accreditation officer may do this");
        }
    }

    @Transactional
    Organisation register(NewOrganisation in) {
        requireOfficer();
        List<Problem> problems = new ArrayList<>();
        String name = strip(in.name());
        String country = upper(in.country());
        if (name == null) {
            problems.add(Problem.at(0, MISSING, "name", "name is required"));
        }
        if (in.kind() == null) {
            problems.add(Problem.at(0, MISSING, "kind", "kind is required, one of " + List.of(OrganisationKind.values())));
        }
        if (country == null || !COUNTRIES.contains(country)) {
            problems.add(Problem.at(0, BAD_COUNTRY, "country", "country must be an ISO 3166-1 alpha-2 code, not \"" + in.country() + "\""));
        }
        if (in.arrivalDate() != null && in.departureDate() != null && in.departureDate().isBefore(in.arrivalDate())) {
            problems.add(Problem.at(0, BAD_DATES, "departureDate", "departure " + in.departureDate() + " is before arrival " + in.arrivalDate()));
        }
        if (in.quota() != null && in.quota() < 0) {
            problems.add(Problem.at(0, BAD_QUOTA, "quota", "quota must not be negative"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        if (store.organisationNameTaken(name, country)) {
            throw new Conflict(DUPLICATE_ORGANISATION, "An organisation named \"" + name + "\" from " + country + " is already registered");
        }
        Organisation o = new Organisation(0, name, in.kind(), country, strip(in.contactName()), strip(in.contactEmail()),
                strip(in.contactPhone()), strip(in.headOfMission()), in.arrivalDate(), in.departureDate(), in.quota(), 0);
        long id = store.insertOrganisation(o);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("name", name);
        payload.put("kind", in.kind().name());
        payload.put("country", country);
        payload.put("quota", in.quota());
        audit.record("accreditation.organisation.registered", "accreditation-organisation:" + id, payload);
        return store.organisation(id).orElseThrow();
    }

    @Transactional(readOnly = true)
    List<Organisation> organisations() {
        requireOfficer();
        return store.organisations();
    }

    @Transactional(readOnly = true)
    Organisation organisation(long id) {
        requireOfficer();
        return store.organisation(id).orElseThrow(() -> new NotFound(UNKNOWN, "No organisation " + id));
    }

    @Transactional
    Application submit(NewApplication in) {
        requireOfficer();
        List<Problem> problems = new ArrayList<>();
        if (in.organisationId() == null) {
            problems.add(Problem.at(0, MISSING, "organisationId", "organisationId is required"));
        }
        if (in.category() == null) {
            problems.add(Problem.at(0, MISSING, "category", "category is required, one of " + List.of(ApplicationCategory.values())));
        }
        String given = strip(in.givenNames());
        String family = strip(in.familyName());
        if (given == null) {
            problems.add(Problem.at(0, MISSING, "givenNames", "givenNames is required"));
        }
        if (family == null) {
            problems.add(Problem.at(0, MISSING, "familyName", "familyName is required"));
        }
        // Passport and id numbers are compared without spaces or dashes and in capitals, as border systems do.
        String document = in.documentNumber() == null ? null
                : in.documentNumber().replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (document == null || !document.matches("[A-Z0-9]{4,20}")) {
            problems.add(Problem.at(0, BAD_DOCUMENT, "documentNumber", "documentNumber must be 4 to 20 letters or digits"));
        }
        String nationality = upper(in.nationality());
        if (nationality == null || !COUNTRIES.contains(nationality)) {
            problems.add(Problem.at(0, BAD_COUNTRY, "nationality", "nationality must be an ISO 3166-1 alpha-2 code, not \"" + in.nationality() + "\""));
        }
        List<String> languages = new ArrayList<>();
        for (String language : in.languages() == null ? List.<String>of() : in.languages()) {
            String code = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
            if (code.length() != 2 || !LANGUAGES.contains(code)) {
                problems.add(Problem.at(0, BAD_LANGUAGE, "languages", "\"" + language + "\" is not an ISO 639-1 language code"));
            } else if (!languages.contains(code)) {
                languages.add(code);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        Organisation organisation = store.organisationForUpdate(in.organisationId())
                .orElseThrow(() -> new InvalidInput(List.of(Problem.at(0, UNKNOWN, "organisationId", "No organisation " + in.organisationId()))));
        store.lockPerson(document, nationality);
        store.liveApplicationOf(document, nationality).ifPresent(existing -> {
            if (existing.organisationId() == organisation.id()) {
                throw new Conflict(SAME_PERSON_SAME_ORGANISATION, "This person (" + nationality + " document) already has application "
                        + existing.id() + " through this organisation");
            }
            String other = store.organisation(existing.organisationId()).map(Organisation::name).orElse("another organisation");
            throw new Conflict(SAME_PERSON_OTHER_ORGANISATION, "This person (" + nationality + " document) already applied through "
                    + other + " (application " + existing.id() + "); one person is accredited through one organisation");
        });
        if (organisation.quota() != null && store.liveApplications(organisation.id()) >= organisation.quota()) {
            throw new Conflict(OVER_QUOTA, organisation.name() + " has used its quota of " + organisation.quota() + " accredited persons");
        }
        Instant now = clock.instant();
        long id = store.insertApplication(new Application(0, organisation.id(), in.category(), given, family, document,
                nationality, languages, ApplicationStatus.SUBMITTED, null, null, null, null, null, 0, now));
        // No names or document numbers in the audit payload: the log is read by auditors without personal-data rights.
        audit.record("accreditation.application.submitted", "accreditation-application:" + id,
                Map.of("organisationId", organisation.id(), "category", in.category().name(), "status", "SUBMITTED"));
        return store.application(id).orElseThrow();
    }

    @Transactional(readOnly = true)
    Application application(long id) {
        requireOfficer();
        return store.application(id).orElseThrow(() -> new NotFound(UNKNOWN, "No application " + id));
    }

    @Transactional(readOnly = true)
    List<Application> applications(long organisationId) {
        organisation(organisationId);
        return store.applications(organisationId);
    }

    @Transactional
    Application decide(long id, Decision decision) {
        requireOfficer();
        if (decision.action() == null || decision.version() == null) {
            throw new InvalidInput(List.of(Problem.at(0, MISSING, decision.action() == null ? "action" : "version",
                    "action and the version you read are required")));
        }
        Application before = store.application(id).orElseThrow(() -> new NotFound(UNKNOWN, "No application " + id));
        ReviewTransition outcome = AccreditationLifecycle.apply(before.status(), decision.action(), decision.reason());
        ReviewTransition.Moved moved = switch (outcome) {
            case ReviewTransition.Refused refused when AccreditationLifecycle.REASON_REQUIRED.equals(refused.ruleCode()) ->
                    throw new InvalidInput(List.of(Problem.at(0, refused.ruleCode(), "reason", refused.reason())));
            case ReviewTransition.Refused refused -> throw new Conflict(refused.ruleCode(), refused.reason());
            case ReviewTransition.Moved m -> m;
        };
        if (before.version() != decision.version()) {
            throw new Conflict(STALE, "Application " + id + " was changed by someone else (version " + before.version()
                    + "); reload and try again");
        }
        String badgeNumber = null;
        LocalDate validFrom = null;
        LocalDate validUntil = null;
        String credential = null;
        if (decision.action() == ReviewAction.ISSUE_BADGE) {
            Organisation organisation = store.organisation(before.organisationId()).orElseThrow();
            validFrom = decision.validFrom() != null ? decision.validFrom() : organisation.arrivalDate();
            validUntil = decision.validUntil() != null ? decision.validUntil() : organisation.departureDate();
            if (validFrom == null || validUntil == null) {
                throw new InvalidInput(List.of(Problem.at(0, NO_VALIDITY, "validFrom",
                        "validFrom and validUntil are required when the organisation has no arrival and departure dates")));
            }
            if (validUntil.isBefore(validFrom)) {
                throw new InvalidInput(List.of(Problem.at(0, BAD_DATES, "validUntil", "validUntil is before validFrom")));
            }
            badgeNumber = store.nextBadgeNumber(before.category());
            credential = credentials.sign(new BadgeCredentials.Claims(badgeNumber, before.displayName(), organisation.name(),
                    before.category(), validFrom, validUntil));
        }
        String reason = moved.reason().isEmpty() ? null : moved.reason();
        if (!store.updateStatus(id, decision.version(), moved.to(), reason, badgeNumber, validFrom, validUntil, credential, clock.instant())) {
            throw new Conflict(STALE, "Application " + id + " was changed by someone else; reload and try again");
        }
        Application after = store.application(id).orElseThrow();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("action", decision.action().name());
        payload.put("from", before.status().name());
        payload.put("to", moved.to().name());
        payload.put("reason", reason);
        payload.put("badgeNumber", after.badgeNumber());
        payload.put("version", after.version());
        audit.record("accreditation.application." + decision.action().name().toLowerCase(Locale.ROOT),
                "accreditation-application:" + id, payload);
        if (moved.to() == ApplicationStatus.REVOKED) {
            events.publishEvent(new BadgeRevoked(id, after.badgeNumber(), reason));
        }
        return after;
    }

    /** The badge card as PDF; a print carries personal data, so every one is in the audit log. */
    @Transactional
    byte[] printBadge(String number) {
        requireOfficer();
        return renderBadge(number);
    }

    /** The card without the officer check: for the holder's own badge, whose access the caller has checked. */
    @Transactional
    byte[] renderBadge(String number) {
        Application a = store.applicationByBadge(number).orElseThrow(() -> new NotFound(UNKNOWN, "No badge " + number));
        if (a.status() != ApplicationStatus.BADGE_ISSUED) {
            // a revoked or expired badge is never reprinted: a fresh print would look valid at the door
            throw new Conflict(NOT_PRINTABLE, "Badge " + number + " is " + a.status() + " and cannot be printed");
        }
        Organisation o = store.organisation(a.organisationId()).orElseThrow();
        byte[] bytes = pdf.render(new BadgePdf.Card("Central Election Commission — accreditation", a.displayName(), o.name(),
                a.category().name().replace('_', ' '), number, "Valid " + a.validFrom() + " – " + a.validUntil(),
                a.credential()));
        audit.record("accreditation.badge.printed", "accreditation-application:" + a.id(),
                Map.of("badgeNumber", number, "status", a.status().name()));
        return bytes;
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String upper(String s) {
        String t = strip(s);
        return t == null ? null : t.toUpperCase(Locale.ROOT);
    }
}
