package org.electora.election;

import java.util.List;
import java.util.Optional;

/** The protocol forms that ship with Electora; further forms are authored as data by administrators. */
public final class ProtocolTemplates {

    private static final ProtocolTemplate CIS_PRESIDENTIAL = new ProtocolTemplate(
            "CIS-PRESIDENTIAL-2024",
            "Precinct protocol, presidential election (CIS model form)",
            List.of(
                    new ProtocolLine(1, "VOTERS_ON_LIST", "Voters on the list, including supplementary lists"),
                    new ProtocolLine(2, "TRANSFER_CERTIFICATES", "Voters who took transfer certificates to vote elsewhere"),
                    new ProtocolLine(3, "BALLOTS_RECEIVED", "Ballots received"),
                    new ProtocolLine(4, "BALLOTS_ISSUED_AT_STATION", "Ballots issued at the polling station"),
                    new ProtocolLine(5, "BALLOTS_ISSUED_OUTSIDE", "Ballots issued outside the polling station (mobile box)"),
                    new ProtocolLine(6, "BALLOTS_UNUSED_CANCELLED", "Unused and cancelled ballots"),
                    new ProtocolLine(7, "BALLOTS_IN_MOBILE_BOXES", "Ballots found in mobile boxes"),
                    new ProtocolLine(8, "BALLOTS_IN_STATIONARY_BOXES", "Ballots found in stationary boxes"),
                    new ProtocolLine(9, "INVALID_BALLOTS", "Invalid ballots"),
                    new ProtocolLine(10, "VALID_BALLOTS", "Valid ballots"),
                    new ProtocolLine(11, "SPOILT_BALLOTS", "Spoilt ballots")),
            List.of(
                    new ControlRelation("CIS-01", RelationLevel.HARD, "L3 = L4 + L5 + L6 + L11",
                            "every ballot received is issued, unused/cancelled or spoilt"),
                    new ControlRelation("CIS-02", RelationLevel.HARD, "L7 + L8 = L9 + L10",
                            "every ballot found in a box is counted as valid or invalid"),
                    new ControlRelation("CIS-03", RelationLevel.HARD, "L10 = CANDIDATES",
                            "valid ballots equal the votes cast for all candidates"),
                    new ControlRelation("CIS-04", RelationLevel.HARD, "L4 + L5 <= L1",
                            "no more ballots issued than voters on the list"),
                    // Soft: voters may leave without casting their ballot, but more ballots in the boxes than
                    // were issued points at stuffing and must be explained by the commission.
                    new ControlRelation("CIS-05", RelationLevel.SOFT, "L7 + L8 <= L4 + L5",
                            "no more ballots in the boxes than were issued")),
            List.of(4, 5),
            1,
            List.of(10),
            "valid ballots",
            10,
            9);

    private static final ProtocolTemplate RUSSIAN_PRESIDENTIAL_2018 = new ProtocolTemplate(
            "RU-PRESIDENTIAL-2018",
            "Precinct protocol, presidential election of the Russian Federation 2018",
            List.of(
                    new ProtocolLine(1, "VOTERS_ON_LIST", "Voters on the list at the close of polling"),
                    new ProtocolLine(2, "BALLOTS_RECEIVED", "Ballots received by the precinct commission"),
                    new ProtocolLine(3, "BALLOTS_ISSUED_EARLY", "Ballots issued to early voters"),
                    new ProtocolLine(4, "BALLOTS_ISSUED_AT_STATION", "Ballots issued at the polling station on polling day"),
                    new ProtocolLine(5, "BALLOTS_ISSUED_OUTSIDE", "Ballots issued outside the polling station on polling day"),
                    new ProtocolLine(6, "BALLOTS_CANCELLED", "Cancelled ballots"),
                    new ProtocolLine(7, "BALLOTS_IN_MOBILE_BOXES", "Ballots found in mobile boxes"),
                    new ProtocolLine(8, "BALLOTS_IN_STATIONARY_BOXES", "Ballots found in stationary boxes"),
                    new ProtocolLine(9, "INVALID_BALLOTS", "Invalid ballots"),
                    new ProtocolLine(10, "VALID_BALLOTS", "Valid ballots"),
                    new ProtocolLine(11, "LOST_BALLOTS", "Lost ballots"),
                    new ProtocolLine(12, "BALLOTS_NOT_ACCOUNTED", "Ballots not accounted for at receipt")),
            List.of(
                    new ControlRelation("RU-01", RelationLevel.HARD, "L2 = L3 + L4 + L5 + L6 + L11 - L12",
                            "ballots received are accounted for; lost ballots added, surplus found at receipt removed"),
                    new ControlRelation("RU-02", RelationLevel.HARD, "L7 + L8 = L9 + L10",
                            "every ballot found in a box is counted as valid or invalid"),
                    new ControlRelation("RU-03", RelationLevel.HARD, "L10 = CANDIDATES",
                            "valid ballots equal the votes cast for all candidates")),
            List.of(3, 4, 5),
            1,
            List.of(9, 10),
            "valid and invalid ballots",
            10,
            9);

    private ProtocolTemplates() {
    }

    public static ProtocolTemplate cisPresidential() {
        return CIS_PRESIDENTIAL;
    }

    public static ProtocolTemplate russianPresidential2018() {
        return RUSSIAN_PRESIDENTIAL_2018;
    }

    public static List<ProtocolTemplate> builtIn() {
        return List.of(CIS_PRESIDENTIAL, RUSSIAN_PRESIDENTIAL_2018);
    }

    public static Optional<ProtocolTemplate> byCode(String code) {
        return builtIn().stream().filter(t -> t.code().equals(code)).findFirst();
    }
}
