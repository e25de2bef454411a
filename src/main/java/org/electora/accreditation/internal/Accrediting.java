package org.electora.accreditation.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
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
    static final String BAD_BIRTH_DATE = "ACC-113";
    static final String NOT_INVITED = "ACC-118";
    static final String BAD_SELECTION = "ACC-130";
    static final String NOTHING_TO_PRINT = "ACC-131";
    static final String PHOTO_FIXED = "ACC-106";
    static final String NO_VALIDITY = "ACC-030";
    static final String NOT_PRINTABLE = "ACC-031";
    static final String STALE = "ACC-409";
    static final String UNKNOWN = "ACC-404";

    /** Kinds the foreign ministry invites: their members are accredited only after the invitation was accepted. */
    static final Set<OrganisationKind> INVITED_KINDS = Collections.unmodifiableSet(EnumSet.of(
            OrganisationKind.INTERNATIONAL_ORGANISATION, OrganisationKind.FOREIGN_ELECTION_BODY,
            OrganisationKind.FOREIGN_STATE_DELEGATION));

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    record NewOrganisation(String name, OrganisationKind kind, String country, String contactName, String contactEmail,
                           String contactPhone, String headOfMission, LocalDate arrivalDate, LocalDate departureDate,
                           Integer quota, Long electionId) {
    }

    /** @param photo base64 of a JPEG or PNG (the JSON API only; the form and the bulk import send bytes) */
    record NewApplication(Long organisationId, ApplicationCategory category, String givenNames, String familyName,
                          String documentNumber, String nationality, List<String> languages,
                          Application.DocumentKind documentKind, LocalDate dateOfBirth, String photo) {
    }

    /** An application's fields after {@link #check}: normalised, and valid when no problem was added. */
    record Checked(long organisationId, ApplicationCategory category, String givenNames, String familyName,
                   String document, String nationality, List<String> languages, Application.DocumentKind documentKind,
                   LocalDate dateOfBirth) {
    }

    /** How an application reached the commission; recorded with it and in its audit event. */
    enum Channel {
        OFFICER,
        WEB_FORM,
        BULK_IMPORT
    }

    record Decision(ReviewAction action, String reason, Integer version, LocalDate validFrom, LocalDate validUntil) {
    }

    private final AccreditationStore store;
    private final BadgeCredentials credentials;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final BadgePdf pdf;
    private final IntakeStore intake;
    private final ApplicationDeadlines deadlines;

    Accrediting(AccreditationStore store, BadgeCredentials credentials, AuditLog audit, ApplicationEventPublisher events,
                Clock clock, BadgePdf pdf, IntakeStore intake, ApplicationDeadlines deadlines) {
        this.pdf = pdf;
        this.intake = intake;
        this.deadlines = deadlines;
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
        if (in.electionId() != null && deadlines.election(in.electionId()).isEmpty()) {
            problems.add(Problem.at(0, ApplicationDeadlines.UNKNOWN_ELECTION, "electionId", "No election " + in.electionId()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        if (store.organisationNameTaken(name, country)) {
            throw new Conflict(DUPLICATE_ORGANISATION, "An organisation named \"" + name + "\" from " + country + " is already registered");
        }
        Organisation o = new Organisation(0, name, in.kind(), country, strip(in.contactName()), strip(in.contactEmail()),
                strip(in.contactPhone()), strip(in.headOfMission()), in.arrivalDate(), in.departureDate(), in.quota(),
                in.electionId(), 0);
        long id = store.insertOrganisation(o);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("name", name);
        payload.put("kind", in.kind().name());
        payload.put("country", country);
        payload.put("quota", in.quota());
        payload.put("electionId", in.electionId());
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

    /** The officer's JSON API: the photo is optional here (base64), and may be added later. */
    @Transactional
    Application submit(NewApplication in) {
        requireOfficer();
        byte[] photo = null;
        if (in.photo() != null && !in.photo().isBlank()) {
            try {
                photo = Base64.getDecoder().decode(in.photo().replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw new InvalidInput(List.of(Problem.at(0, AccreditationPhotos.NOT_AN_IMAGE, "photo", "photo must be a base64-encoded JPEG or PNG")));
            }
        }
        return take(in, photo, false, Channel.OFFICER, List.of());
    }

    /**
     * The public web form: anyone may apply, with a photo, for an organisation that accepts applications. The same
     * rules as the officer's API, plus the photo being required.
     */
    @Transactional
    Application submitPublic(NewApplication in, byte[] photo, List<Problem> formProblems) {
        List<Problem> problems = new ArrayList<>(formProblems);
        if (in.dateOfBirth() == null && problems.stream().noneMatch(p -> "dateOfBirth".equals(p.field()))) {
            problems.add(Problem.at(0, BAD_BIRTH_DATE, "dateOfBirth", "date of birth is required"));
        }
        return take(in, photo, true, Channel.WEB_FORM, problems);
    }

    /** {@code earlier}: problems the caller found in the raw input (e.g. an unreadable date), reported with the rest. */
    private Application take(NewApplication in, byte[] photoBytes, boolean photoRequired, Channel channel, List<Problem> earlier) {
        List<Problem> problems = new ArrayList<>(earlier);
        Checked c = check(in, 0, problems);
        AccreditationPhotos.Photo photo = photoBytes == null && !photoRequired ? null
                : AccreditationPhotos.check(photoBytes, 0, "photo", problems);
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        // Field problems first, then the organisation's: "fix your form" before "this organisation cannot apply".
        Organisation organisation = store.organisationForUpdate(in.organisationId())
                .orElseThrow(() -> new InvalidInput(List.of(Problem.at(0, UNKNOWN, "organisationId", "No organisation " + in.organisationId()))));
        admissible(organisation, in.category(), 0, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        Organisation o = organisation;
        store.lockPerson(c.document(), c.nationality());
        store.liveApplicationOf(c.document(), c.nationality()).ifPresent(existing -> {
            throw new Conflict(existing.organisationId() == o.id() ? SAME_PERSON_SAME_ORGANISATION : SAME_PERSON_OTHER_ORGANISATION,
                    duplicateMessage(existing, o));
        });
        if (o.quota() != null && store.liveApplications(o.id()) >= o.quota()) {
            throw new Conflict(OVER_QUOTA, overQuotaMessage(o));
        }
        return insert(c, photo, channel);
    }

    /** Writes one checked application with its photo and the audit event; the caller has checked every rule. */
    Application insert(Checked c, AccreditationPhotos.Photo photo, Channel channel) {
        Instant now = clock.instant();
        long id = store.insertApplication(new Application(0, c.organisationId(), c.category(), c.givenNames(), c.familyName(),
                c.document(), c.nationality(), c.languages(), ApplicationStatus.SUBMITTED, null, null, null, null, null, 0, now,
                c.documentKind(), c.dateOfBirth()), channel.name());
        if (photo != null) {
            intake.savePhoto(id, photo, now);
        }
        // No names or document numbers in the audit payload: the log is read by auditors without personal-data rights.
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("organisationId", c.organisationId());
        payload.put("category", c.category().name());
        payload.put("status", "SUBMITTED");
        payload.put("channel", channel.name());
        payload.put("photoSha256", photo == null ? null : photo.sha256());
        audit.record("accreditation.application.submitted", "accreditation-application:" + id, payload);
        return store.application(id).orElseThrow();
    }

    String duplicateMessage(Application existing, Organisation organisation) {
        if (existing.organisationId() == organisation.id()) {
            return "This person (" + existing.nationality() + " document) already has application " + existing.id()
                    + " through this organisation";
        }
        String other = store.organisation(existing.organisationId()).map(Organisation::name).orElse("another organisation");
        return "This person (" + existing.nationality() + " document) already applied through " + other + " (application "
                + existing.id() + "); one person is accredited through one organisation";
    }

    static String overQuotaMessage(Organisation o) {
        return o.name() + " has used its quota of " + o.quota() + " accredited persons";
    }

    /** An application's own fields, normalised; problems are added with {@code line} (0 outside files). */
    static Checked check(NewApplication in, int line, List<Problem> problems) {
        if (in.organisationId() == null) {
            problems.add(Problem.at(line, MISSING, "organisationId", "organisationId is required"));
        }
        if (in.category() == null) {
            problems.add(Problem.at(line, MISSING, "category", "category is required, one of " + List.of(ApplicationCategory.values())));
        }
        String given = strip(in.givenNames());
        String family = strip(in.familyName());
        if (given == null) {
            problems.add(Problem.at(line, MISSING, "givenNames", "givenNames is required"));
        }
        if (family == null) {
            problems.add(Problem.at(line, MISSING, "familyName", "familyName is required"));
        }
        // Passport and id numbers are compared without spaces or dashes and in capitals, as border systems do.
        String document = in.documentNumber() == null ? null
                : in.documentNumber().replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (document == null || !document.matches("[A-Z0-9]{4,20}")) {
            problems.add(Problem.at(line, BAD_DOCUMENT, "documentNumber", "documentNumber must be 4 to 20 letters or digits"));
        }
        String nationality = upper(in.nationality());
        if (nationality == null || !COUNTRIES.contains(nationality)) {
            problems.add(Problem.at(line, BAD_COUNTRY, "nationality", "nationality must be an ISO 3166-1 alpha-2 code, not \"" + in.nationality() + "\""));
        }
        List<String> languages = new ArrayList<>();
        for (String language : in.languages() == null ? List.<String>of() : in.languages()) {
            String code = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
            if (code.length() != 2 || !LANGUAGES.contains(code)) {
                problems.add(Problem.at(line, BAD_LANGUAGE, "languages", "\"" + language + "\" is not an ISO 639-1 language code"));
            } else if (!languages.contains(code)) {
                languages.add(code);
            }
        }
        LocalDate born = in.dateOfBirth();
        if (born != null && (born.isAfter(LocalDate.now(ZoneOffset.UTC)) || born.isBefore(LocalDate.now(ZoneOffset.UTC).minusYears(120)))) {
            problems.add(Problem.at(line, BAD_BIRTH_DATE, "dateOfBirth", "dateOfBirth " + born + " is not a plausible date of birth"));
        }
        return new Checked(in.organisationId() == null ? 0 : in.organisationId(), in.category(), given, family, document,
                nationality, languages, in.documentKind() == null ? Application.DocumentKind.PASSPORT : in.documentKind(), born);
    }

    /**
     * The organisation-level rules: a foreign mission needs an accepted invitation (ACC-118), and the category's
     * deadline before the observed election's polling day must not have passed (ACC-110).
     */
    void admissible(Organisation o, ApplicationCategory category, int line, List<Problem> problems) {
        if (INVITED_KINDS.contains(o.kind()) && !intake.hasAcceptedInvitation(o.id())) {
            problems.add(Problem.at(line, NOT_INVITED, "organisationId", o.name() + " is a " + o.kind()
                    + ": its members are accredited only after it accepted the foreign ministry's invitation, and no accepted invitation is recorded"));
        }
        deadlines.deadline(o.electionId(), category).ifPresent(d -> {
            if (!d.isOpenAt(deadlines.now())) {
                problems.add(Problem.at(line, ApplicationDeadlines.PAST_DEADLINE, "category", "Applications of " + category
                        + " closed on " + d.lastDay() + " at 24:00 " + deadlines.zone().getId() + " (" + d.daysBefore()
                        + " days before polling day " + d.pollingDay() + ")"));
            }
        });
    }

    /** The organisations the public form offers: those whose members may apply now (the invitation rule holds). */
    @Transactional(readOnly = true)
    List<Organisation> publicOrganisations() {
        return store.organisations().stream().filter(this::acceptsApplications).toList();
    }

    /** Whether the public form offers this organisation: the invitation rule holds (deadlines are per category). */
    boolean acceptsApplications(Organisation o) {
        return !INVITED_KINDS.contains(o.kind()) || intake.hasAcceptedInvitation(o.id());
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
        ReviewTransition.Moved moved = switch (AccreditationLifecycle.apply(before.status(), decision.action(), decision.reason())) {
            case ReviewTransition.Refused refused when AccreditationLifecycle.REASON_REQUIRED.equals(refused.ruleCode()) ->
                    throw new InvalidInput(List.of(Problem.at(0, refused.ruleCode(), "reason", refused.reason())));
            case ReviewTransition.Refused refused -> throw new Conflict(refused.ruleCode(), refused.reason());
            case ReviewTransition.Moved m -> m;
        };
        if (before.version() != decision.version()) {
            throw new Conflict(STALE, "Application " + id + " was changed by someone else (version " + before.version()
                    + "); reload and try again");
        }
        return move(before, decision.action(), moved, decision.validFrom(), decision.validUntil());
    }

    /** One allowed transition written with its audit event (actor: whoever is on this thread, "system" for jobs). */
    Application move(Application before, ReviewAction action, ReviewTransition.Moved moved, LocalDate givenFrom, LocalDate givenUntil) {
        long id = before.id();
        String badgeNumber = null;
        LocalDate validFrom = null;
        LocalDate validUntil = null;
        String credential = null;
        if (action == ReviewAction.ISSUE_BADGE) {
            Organisation organisation = store.organisation(before.organisationId()).orElseThrow();
            validFrom = givenFrom != null ? givenFrom : organisation.arrivalDate();
            validUntil = givenUntil != null ? givenUntil : organisation.departureDate();
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
        if (!store.updateStatus(id, before.version(), moved.to(), reason, badgeNumber, validFrom, validUntil, credential, clock.instant())) {
            throw new Conflict(STALE, "Application " + id + " was changed by someone else; reload and try again");
        }
        Application after = store.application(id).orElseThrow();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("action", action.name());
        payload.put("from", before.status().name());
        payload.put("to", moved.to().name());
        payload.put("reason", reason);
        payload.put("badgeNumber", after.badgeNumber());
        payload.put("version", after.version());
        audit.record("accreditation.application." + action.name().toLowerCase(Locale.ROOT),
                "accreditation-application:" + id, payload);
        if (moved.to() == ApplicationStatus.REVOKED) {
            events.publishEvent(new BadgeRevoked(id, after.badgeNumber(), reason));
        }
        return after;
    }

    /** A decision for many applications of one organisation: the selected ids, or every one in {@code status}. */
    record BulkDecision(ReviewAction action, String reason, List<Long> applicationIds, ApplicationStatus status,
                        LocalDate validFrom, LocalDate validUntil) {
    }

    /** All or nothing: every application moved, or (any refused by the table) none and each refusal reported. */
    sealed interface BulkOutcome {
        record Applied(List<Application> applications) implements BulkOutcome {
        }

        record Refused(List<Problem> problems) implements BulkOutcome {
        }
    }

    @Transactional
    BulkOutcome decideAll(long organisationId, BulkDecision decision) {
        requireOfficer();
        organisation(organisationId);
        List<Problem> problems = new ArrayList<>();
        if (decision.action() == null) {
            problems.add(Problem.at(0, MISSING, "action", "action is required"));
        }
        boolean byIds = decision.applicationIds() != null && !decision.applicationIds().isEmpty();
        if (byIds == (decision.status() != null)) {
            problems.add(Problem.at(0, BAD_SELECTION, "applicationIds", "give either applicationIds or a status (all of the organisation's applications in it)"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        // Locked in id order, so that two bulk decisions over overlapping lists cannot deadlock.
        List<Application> selected = byIds
                ? store.applicationsForUpdate(decision.applicationIds().stream().distinct().sorted().toList())
                : store.applicationsForUpdate(organisationId, decision.status());
        if (byIds) {
            var found = selected.stream().filter(a -> a.organisationId() == organisationId).map(Application::id).toList();
            for (Long id : decision.applicationIds().stream().distinct().sorted().toList()) {
                if (!found.contains(id)) {
                    problems.add(Problem.at(0, BAD_SELECTION, "application:" + id, "Application " + id + " is not an application of organisation " + organisationId));
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidInput(problems);
            }
        }
        if (selected.isEmpty()) {
            throw new InvalidInput(List.of(Problem.at(0, BAD_SELECTION, "status", "No application of organisation " + organisationId + " is " + decision.status())));
        }
        List<ReviewTransition.Moved> moves = new ArrayList<>();
        for (Application a : selected) {
            switch (AccreditationLifecycle.apply(a.status(), decision.action(), decision.reason())) {
                case ReviewTransition.Refused refused ->
                        problems.add(Problem.at(0, refused.ruleCode(), "application:" + a.id(), "Application " + a.id() + ": " + refused.reason()));
                case ReviewTransition.Moved m -> moves.add(m);
            }
        }
        if (!problems.isEmpty()) {
            return new BulkOutcome.Refused(problems);
        }
        List<Application> after = new ArrayList<>();
        for (int i = 0; i < selected.size(); i++) {
            after.add(move(selected.get(i), decision.action(), moves.get(i), decision.validFrom(), decision.validUntil()));
        }
        return new BulkOutcome.Applied(after);
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
        byte[] bytes = pdf.render(card(a, o));
        audit.record("accreditation.badge.printed", "accreditation-application:" + a.id(),
                Map.of("badgeNumber", number, "status", a.status().name()));
        return bytes;
    }

    /** Every issued badge of an organisation on A4 sheets, eight cards a page, each audited as printed. */
    @Transactional
    byte[] printSheet(long organisationId) {
        requireOfficer();
        Organisation o = organisation(organisationId);
        List<Application> issued = store.applications(organisationId).stream()
                .filter(a -> a.status() == ApplicationStatus.BADGE_ISSUED).toList();
        if (issued.isEmpty()) {
            throw new Conflict(NOTHING_TO_PRINT, o.name() + " has no issued badge to print");
        }
        byte[] bytes = pdf.renderSheet(issued.stream().map(a -> card(a, o)).toList());
        for (Application a : issued) {
            audit.record("accreditation.badge.printed", "accreditation-application:" + a.id(),
                    Map.of("badgeNumber", a.badgeNumber(), "status", a.status().name(), "sheet", true));
        }
        return bytes;
    }

    private BadgePdf.Card card(Application a, Organisation o) {
        return new BadgePdf.Card("Central Election Commission — accreditation", a.displayName(), o.name(),
                a.category().name().replace('_', ' '), a.badgeNumber(), "Valid " + a.validFrom() + " – " + a.validUntil(),
                a.credential(), intake.photo(a.id()).map(AccreditationPhotos.Photo::bytes).orElse(null));
    }

    /** The stored photo for staff; a read of personal data, so audited. */
    @Transactional
    AccreditationPhotos.Photo photo(long applicationId) {
        requireOfficer();
        application(applicationId);
        AccreditationPhotos.Photo photo = intake.photo(applicationId)
                .orElseThrow(() -> new NotFound(UNKNOWN, "Application " + applicationId + " has no photo"));
        audit.record("accreditation.photo.read", "accreditation-application:" + applicationId, Map.of("sha256", photo.sha256()));
        return photo;
    }

    /** Adds or replaces the photo while the application is still being decided (a badge shows the photo it was issued with). */
    @Transactional
    AccreditationPhotos.Photo replacePhoto(long applicationId, byte[] bytes) {
        requireOfficer();
        Application a = application(applicationId);
        List<Problem> problems = new ArrayList<>();
        AccreditationPhotos.Photo photo = AccreditationPhotos.check(bytes, 0, "photo", problems);
        if (photo == null) {
            throw new InvalidInput(problems);
        }
        if (a.status() != ApplicationStatus.SUBMITTED && a.status() != ApplicationStatus.UNDER_REVIEW
                && a.status() != ApplicationStatus.APPROVED) {
            throw new Conflict(PHOTO_FIXED, "Application " + applicationId + " is " + a.status() + ": its photo can no longer change");
        }
        intake.savePhoto(applicationId, photo, clock.instant());
        audit.record("accreditation.photo.stored", "accreditation-application:" + applicationId,
                Map.of("sha256", photo.sha256(), "mediaType", photo.mediaType(), "width", photo.width(), "height", photo.height()));
        return photo;
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String upper(String s) {
        String t = strip(s);
        return t == null ? null : t.toUpperCase(Locale.ROOT);
    }
}
