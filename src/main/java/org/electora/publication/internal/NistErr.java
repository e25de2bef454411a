package org.electora.publication.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.electora.publication.ResultsSnapshot;
import org.electora.publication.SnapshotContent;
import org.electora.publication.SnapshotContent.Area;
import org.electora.publication.SnapshotContent.CandidatePart;
import org.electora.publication.SnapshotContent.Station;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A snapshot as a NIST SP 1500-100 v2 Election Results Reporting {@code ElectionReport}, written as JSON (with
 * {@code @type}/{@code @id} as in the official examples) and as XML in the v2 namespace. One neutral tree feeds
 * both writers; its fields are added in the XSD's sequence order, which the JSON ignores and the XML needs.
 * Mapping choices are explained in ADR 0010 and docs/open-data.md.
 */
final class NistErr {

    static final String NS = "http://itl.nist.gov/ns/voting/1500-100/v2";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** An ERR object: its class, its id ({@code @id} / {@code ObjectId}), whether XML must name its class (abstract base). */
    static final class Node {
        final String type;
        final String id;
        final boolean xsiType;
        final List<Map.Entry<String, Object>> fields = new ArrayList<>();

        Node(String type, String id, boolean xsiType) {
            this.type = type;
            this.id = id;
            this.xsiType = xsiType;
        }

        Node(String type) {
            this(type, null, false);
        }

        /** Adds a field; null values and empty lists are left out (every optional ERR field may be absent). */
        Node put(String name, Object value) {
            if (value != null && !(value instanceof List<?> l && l.isEmpty()) && !(value instanceof Refs r && r.ids().isEmpty())) {
                fields.add(Map.entry(name, value));
            }
            return this;
        }
    }

    /** An {@code InternationalizedText} with one language string. */
    record Text(String content, String language) {
    }

    /** {@code xsd:IDREFS}: a JSON array, one space-separated XML element. */
    record Refs(List<String> ids) {
    }

    private NistErr() {
    }

    // ---- the report ----

    static Node report(ResultsSnapshot snapshot, SnapshotContent c, String language) {
        String nationId = "gp-nation";
        List<Node> gpUnits = new ArrayList<>();
        List<Node> ballotCounts = new ArrayList<>();
        // (unit id, votes) for every unit with counted stations, in report order
        List<Map.Entry<String, List<Long>>> voteCounts = new ArrayList<>();

        Node nation = unit(nationId, c.nation(), c.regions().stream().map(r -> regionId(r.code())).toList(),
                new Text(c.nation().name(), language), "country", null, "iso-3166-1", c.election().countryCode(),
                new Node("ElectionAdministration").put("Name", c.election().issuer()));
        gpUnits.add(nation);
        counts(nationId, c.nation(), ballotCounts, voteCounts);
        for (Area r : c.regions()) {
            List<String> parts = c.constituencies().stream().filter(k -> r.code().equals(k.parentCode()))
                    .map(k -> constituencyId(k.code())).toList();
            gpUnits.add(unit(regionId(r.code()), r, parts, new Text(r.name(), language), "other", "region", "local-level", r.code(), null));
            counts(regionId(r.code()), r, ballotCounts, voteCounts);
        }
        for (Area k : c.constituencies()) {
            List<String> parts = c.stations().stream().filter(s -> k.code().equals(s.constituencyCode()))
                    .map(s -> stationId(s.code())).toList();
            gpUnits.add(unit(constituencyId(k.code()), k, parts, new Text(k.name(), language), "other", "constituency", "local-level", k.code(), null));
            counts(constituencyId(k.code()), k, ballotCounts, voteCounts);
        }
        for (Area a : c.countries()) {
            List<String> parts = c.stations().stream().filter(s -> a.code().equals(s.hostCountry()))
                    .map(s -> stationId(s.code())).toList();
            gpUnits.add(unit(countryId(a.code()), a, parts, new Text(a.name(), language), "other", "host-country", "iso-3166-1", a.code(), null));
            counts(countryId(a.code()), a, ballotCounts, voteCounts);
        }
        for (Station s : c.stations()) {
            gpUnits.add(station(s, language));
            if (s.counted()) {
                ballotCounts.add(ballotCounts(stationId(s.code()), s.valid(), s.invalid()));
                voteCounts.add(Map.entry(stationId(s.code()), s.votes()));
            }
        }

        Map<String, String> parties = new LinkedHashMap<>();
        c.candidates().forEach(k -> parties.computeIfAbsent(k.nominatedBy(), n -> "party-" + (parties.size() + 1)));
        List<Node> partyNodes = parties.entrySet().stream()
                .map(e -> new Node("Party", e.getValue(), false).put("Name", new Text(e.getKey(), language))).toList();
        List<Node> persons = c.candidates().stream().map(k -> new Node("Person", "person-" + k.ballotOrder(), false)
                .put("FirstName", k.givenName())
                .put("FullName", new Text(k.fullName(), language))
                .put("LastName", k.familyName())
                .put("MiddleName", k.patronymic() == null || k.patronymic().isBlank() ? null : List.of(k.patronymic()))).toList();
        List<Node> candidates = c.candidates().stream().map(k -> new Node("Candidate", candidateId(k), false)
                .put("BallotName", new Text(k.fullName(), language))
                .put("PartyId", parties.get(k.nominatedBy()))
                .put("PersonId", "person-" + k.ballotOrder())).toList();

        List<Node> selections = new ArrayList<>();
        for (CandidatePart k : c.candidates()) {
            List<Node> vc = voteCounts.stream().map(e -> new Node("VoteCounts")
                    .put("GpUnitId", e.getKey()).put("Type", "total")
                    .put("Count", k.ballotOrder() <= e.getValue().size() ? e.getValue().get(k.ballotOrder() - 1) : 0L)).toList();
            selections.add(new Node("CandidateSelection", "selection-" + k.ballotOrder(), true)
                    .put("SequenceOrder", k.ballotOrder())
                    .put("VoteCounts", vc)
                    .put("CandidateIds", new Refs(List.of(candidateId(k)))));
        }
        Node contest = new Node("CandidateContest", "contest-" + c.contest().id(), true)
                .put("ContestSelection", selections)
                .put("CountStatus", List.of(countStatus(c.nation())))
                .put("ElectionDistrictId", nationId)
                .put("Name", c.contest().name())
                .put("SubUnitsReported", c.nation().stationsReported())
                .put("TotalSubUnits", c.nation().stationsExpected())
                .put("NumberElected", 1)
                .put("VotesAllowed", 1);

        Node election = new Node("Election")
                .put("BallotCounts", ballotCounts)
                .put("Candidate", candidates)
                .put("Contest", List.of(contest))
                .put("ElectionScopeId", nationId)
                .put("ExternalIdentifier", List.of(external("other", "electora-election-id", Long.toString(c.election().id()))))
                .put("Name", new Text(c.election().name(), language))
                .put("StartDate", c.election().pollingDay().toString())
                .put("EndDate", c.election().pollingDay().toString())
                .put("Type", c.election().extraordinary() ? "special" : "general");

        return new Node("ElectionReport")
                .put("Election", List.of(election))
                .put("ExternalIdentifier", List.of(
                        external("other", "electora-snapshot-sequence", Integer.toString(snapshot.sequence())),
                        external("other", "electora-snapshot-sha256", snapshot.sha256())))
                .put("Format", "precinct-level")
                .put("GeneratedDate", snapshot.generatedAt().truncatedTo(ChronoUnit.SECONDS).format(DATE_TIME))
                .put("GpUnit", gpUnits)
                .put("Issuer", c.election().issuer())
                .put("IssuerAbbreviation", c.election().issuerAbbreviation())
                .put("Notes", "Vote shares are votes / " + c.shareBaseName() + ". Turnout is " + c.turnoutDefinition()
                        + ". BallotsCast = valid + invalid ballots; BallotsRejected = invalid ballots. Electora snapshot "
                        + snapshot.sequence() + ", sha256 " + snapshot.sha256() + ".")
                .put("Party", partyNodes)
                .put("Person", persons)
                .put("SequenceStart", 1)
                .put("SequenceEnd", 1)
                .put("Status", snapshot.status().nist())
                .put("VendorApplicationId", "Electora");
    }

    private static Node unit(String id, Area a, List<String> composing, Text name, String type, String otherType,
                             String identifierType, String identifier, Node administration) {
        boolean iso = identifierType.equals("iso-3166-1");
        return new Node("ReportingUnit", id, true)
                .put("ComposingGpUnitIds", new Refs(composing))
                .put("ExternalIdentifier", List.of(iso ? external("other", "iso-3166-1", identifier) : external(identifierType, null, identifier)))
                .put("Name", name)
                .put("CountStatus", List.of(countStatus(a)))
                .put("ElectionAdministration", administration)
                .put("SubUnitsReported", a.stationsReported())
                .put("TotalSubUnits", a.stationsExpected())
                .put("Type", type)
                .put("OtherType", otherType)
                .put("VotersParticipated", a.stationsCounted() > 0 ? a.ballotsIssued() : null)
                .put("VotersRegistered", a.stationsCounted() > 0 ? a.votersOnList() : null);
    }

    private static Node station(Station s, String language) {
        Node status = switch (s.protocolStatus()) {
            case "ACCEPTED" -> new Node("CountStatus").put("Status", "completed").put("Type", "total");
            case "ANNULLED" -> new Node("CountStatus").put("Status", "completed").put("Type", "other").put("OtherType", "annulled");
            case SnapshotBuilder.NO_PROTOCOL -> new Node("CountStatus").put("Status", "not-processed").put("Type", "total");
            default -> new Node("CountStatus").put("Status", "in-process").put("Type", "total");
        };
        return new Node("ReportingUnit", stationId(s.code()), true)
                .put("ExternalIdentifier", List.of(external("local-level", null, s.code())))
                .put("Name", new Text(s.name(), language))
                .put("CountStatus", List.of(status))
                .put("Type", "precinct")
                .put("VotersParticipated", s.counted() ? s.ballotsIssued() : null)
                .put("VotersRegistered", s.counted() ? s.votersOnList() : null);
    }

    private static void counts(String unitId, Area a, List<Node> ballotCounts, List<Map.Entry<String, List<Long>>> voteCounts) {
        if (a.stationsCounted() > 0) {
            ballotCounts.add(ballotCounts(unitId, a.valid(), a.invalid()));
            voteCounts.add(Map.entry(unitId, a.votes()));
        }
    }

    private static Node ballotCounts(String unitId, long valid, long invalid) {
        return new Node("BallotCounts").put("GpUnitId", unitId).put("Type", "total")
                .put("BallotsCast", valid + invalid).put("BallotsRejected", invalid);
    }

    private static Node countStatus(Area a) {
        String status = a.stationsReported() == a.stationsExpected() ? "completed"
                : a.stationsReported() == 0 ? "not-processed" : "in-process";
        return new Node("CountStatus").put("Status", status).put("Type", "total");
    }

    private static Node external(String type, String otherType, String value) {
        return new Node("ExternalIdentifier").put("Type", type).put("OtherType", otherType).put("Value", value);
    }

    private static String candidateId(CandidatePart k) {
        return "candidate-" + k.ballotOrder();
    }

    static String regionId(String code) {
        return "gp-region-" + ncName(code);
    }

    static String constituencyId(String code) {
        return "gp-constituency-" + ncName(code);
    }

    static String countryId(String code) {
        return "gp-abroad-" + ncName(code);
    }

    static String stationId(String code) {
        return "gp-station-" + ncName(code);
    }

    /** The rest of an xs:ID after our lettered prefix: only letters, digits, '.', '-', '_'. */
    private static String ncName(String code) {
        return code.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    // ---- JSON ----

    static byte[] json(Node report) {
        return JSON.writeValueAsString(toJson(report)).getBytes(StandardCharsets.UTF_8);
    }

    private static Object toJson(Object value) {
        return switch (value) {
            case Node n -> {
                Map<String, Object> m = new LinkedHashMap<>();
                if (n.id != null) {
                    m.put("@id", n.id);
                }
                m.put("@type", "ElectionResults." + n.type);
                n.fields.forEach(f -> m.put(f.getKey(), toJson(f.getValue())));
                yield m;
            }
            case Text t -> Map.of("@type", "ElectionResults.InternationalizedText",
                    "Text", List.of(Map.of("@type", "ElectionResults.LanguageString", "Content", t.content(), "Language", t.language())));
            case Refs r -> r.ids();
            case List<?> l -> l.stream().map(NistErr::toJson).toList();
            default -> value;
        };
    }

    // ---- XML ----

    static byte[] xml(Node report) {
        var out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("ElectionReport");
            w.writeDefaultNamespace(NS);
            w.writeNamespace("enr", NS);
            w.writeNamespace("xsi", XSI);
            for (Map.Entry<String, Object> f : report.fields) {
                field(w, f.getKey(), f.getValue());
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write ERR XML", e);
        }
        return out.toByteArray();
    }

    private static void field(XMLStreamWriter w, String name, Object value) throws XMLStreamException {
        switch (value) {
            case Node n -> {
                w.writeStartElement(name);
                if (n.id != null) {
                    w.writeAttribute("ObjectId", n.id);
                }
                if (n.xsiType) {
                    w.writeAttribute("xsi", XSI, "type", "enr:" + n.type);
                }
                for (Map.Entry<String, Object> f : n.fields) {
                    field(w, f.getKey(), f.getValue());
                }
                w.writeEndElement();
            }
            case Text t -> {
                w.writeStartElement(name);
                w.writeStartElement("Text");
                w.writeAttribute("Language", t.language());
                w.writeCharacters(t.content());
                w.writeEndElement();
                w.writeEndElement();
            }
            case Refs r -> simple(w, name, String.join(" ", r.ids()));
            case List<?> l -> {
                for (Object item : l) {
                    field(w, name, item);
                }
            }
            default -> simple(w, name, String.valueOf(value));
        }
    }

    private static void simple(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

}
