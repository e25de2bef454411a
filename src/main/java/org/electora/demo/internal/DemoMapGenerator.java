package org.electora.demo.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.electora.demo.DemoShape;
import org.electora.demo.internal.Missions.Mission;

/**
 * Deterministic generator of the electoral map of the fictional demonstration republic, in the map import CSV
 * format.
 *
 * <p>The republic is modelled on a real national presidential election (capital time zone {@code Asia/Baku},
 * domestic coordinates within latitude 38.4–41.9 and longitude 44.8–50.6) but every region, constituency, settlement
 * and polling station name is invented. Polling stations abroad are placed at real-world cities with their real
 * IANA time zones (see {@link Missions}).
 *
 * <p>The output depends only on the requested {@link DemoShape}: every random choice is drawn from a
 * {@link Random} with a constant seed, so two calls always return identical text.
 *
 * <p>CSV columns, in order: {@code level,code,parent,number,name,address,latitude,longitude,capacity,kind,
 * resettled_area,host_country,mission,time_zone}. Rows: all regions, then all constituencies, then all stations
 * (domestic first, then abroad). Lines end with {@code '\n'}; fields are quoted per RFC 4180 where needed.
 */
public final class DemoMapGenerator {

    /** The CSV header, in column order. */
    static final List<String> HEADER = List.of("level", "code", "parent", "number", "name", "address",
            "latitude", "longitude", "capacity", "kind", "resettled_area", "host_country", "mission", "time_zone");

    static final double MIN_LATITUDE = 38.4;
    static final double MAX_LATITUDE = 41.9;
    static final double MIN_LONGITUDE = 44.8;
    static final double MAX_LONGITUDE = 50.6;

    /** Domestic points are kept this far inside the bounding box. */
    private static final double MARGIN = 0.05;

    private static final String REGULAR = "regular";
    private static final String HOSPITAL = "hospital";
    private static final String MILITARY = "military";
    private static final String DETENTION = "detention";
    private static final String SPECIAL = "special";

    private static final String[] ROOTS = {"Gala", "Yeni", "Shah", "Dash", "Gum", "Sari", "Gara", "Ag", "Gizil",
        "Chay", "Dag", "Alma", "Narin", "Gol", "Bag", "Mesha", "Tala", "Yasti", "Uzun", "Ulu", "Gush", "Arpa",
        "Goy", "Sheki", "Bina", "Turut", "Zeyva", "Nargiz"};
    private static final String[] SUFFIXES = {"bad", "kend", "li", "lar", "chay", "dere", "bulag", "tepe", "oba",
        "yurd", "gala", "su"};
    private static final String[] VILLAGE_PREFIXES = {"", "", "", "Yukhari ", "Ashaghi ", "Boyuk ", "Kichik "};
    private static final String[] STREETS = {"Nizami", "Fuzuli", "Nasimi", "Khagani", "Vagif", "Natavan", "Sabir",
        "Uzeyir Hajibeyli", "Samad Vurgun", "Jafar Jabbarly", "Istiglaliyyat", "Azadlig", "Neftchilar",
        "Akhundov", "Khatai", "Bahar", "Gulustan", "Chinar", "Zafar", "Dostlug", "Bulvar", "Mektab", "Yasil Bag"};
    private static final String[] TOWN_VENUES = {"School No. %d", "Secondary School No. %d", "Lyceum No. %d",
        "Music School No. %d", "Library No. %d", "Culture House No. %d", "Youth Centre No. %d"};
    private static final String[] VILLAGE_VENUES = {"Village school, %s", "Village club, %s",
        "Secondary school, %s", "Culture house, %s", "Village library, %s"};
    private static final String[] HOSPITAL_VENUES = {"City Hospital No. %d", "Central District Hospital No. %d",
        "Maternity Hospital No. %d", "Clinical Hospital No. %d"};
    private static final String[] DETENTION_VENUES = {"Penitentiary institution No. %d",
        "Pre-trial detention centre No. %d"};
    private static final String[] SPECIAL_VENUES = {"Central Railway Station", "International Airport",
        "Seaport passenger terminal", "Sanatorium \"Chinar\"", "Offshore workers' hostel", "Bus terminal"};

    private record RegionSpec(String name, String town, double latitude, double longitude, double spread,
                              int constituencies) {
    }

    /**
     * @param seed constant seed
     * @param regions regions with their constituency counts
     * @param domesticStations number of domestic stations in all (resettled ones included)
     * @param resettledRegion index of the region holding the resettled-area constituencies
     * @param resettledSizes station counts of that region's first constituencies, all of whose stations are in
     *     resettled areas
     * @param missions missions abroad, one station each
     * @param abroadParents number of (first) constituencies the abroad stations are attached to
     */
    private record ShapeSpec(long seed, List<RegionSpec> regions, int domesticStations, int resettledRegion,
                             List<Integer> resettledSizes, List<Mission> missions, int abroadParents) {
    }

    private record Constituency(String code, String regionCode, int number, String name, String town,
                                boolean city, double latitude, double longitude, double spread,
                                boolean resettled) {
    }

    private static final ShapeSpec FULL = new ShapeSpec(20_240_207L, List.of(
            new RegionSpec("Capital District", "Khazarabad", 40.40, 49.85, 0.10, 24),
            new RegionSpec("Northern Shore", "Shimalkend", 41.35, 48.70, 0.25, 12),
            new RegionSpec("Western Plains", "Ganjabad", 40.68, 46.36, 0.25, 10),
            new RegionSpec("Central Lowlands", "Kurabad", 40.05, 47.65, 0.30, 9),
            new RegionSpec("Southern Coast", "Lankabad", 38.80, 48.75, 0.20, 8),
            new RegionSpec("Mountain Valleys", "Shakidere", 41.19, 47.17, 0.25, 8),
            new RegionSpec("Mil Steppe", "Beylabad", 39.77, 47.62, 0.25, 7),
            new RegionSpec("Western Exclave", "Arpachay", 39.21, 45.41, 0.20, 7),
            new RegionSpec("Foothills", "Gazakli", 41.09, 45.36, 0.20, 8),
            new RegionSpec("Upper Kura", "Aghdashli", 40.65, 47.48, 0.25, 7),
            new RegionSpec("River Delta", "Salyanabad", 39.60, 48.98, 0.25, 6),
            new RegionSpec("Sunrise Coast", "Sahilkend", 40.59, 49.67, 0.10, 8),
            new RegionSpec("Restored Highlands", "Shushakend", 39.76, 46.75, 0.20, 5),
            new RegionSpec("Araz Valley", "Arazkend", 39.40, 47.20, 0.25, 6)),
            6_537 - 49, 12, List.of(9, 9, 8), Missions.all(), 4);

    private static final ShapeSpec SMALL = new ShapeSpec(20_240_208L, List.of(
            new RegionSpec("Capital District", "Khazarabad", 40.40, 49.85, 0.10, 3),
            new RegionSpec("Western Plains", "Ganjabad", 40.68, 46.36, 0.25, 2),
            new RegionSpec("Restored Highlands", "Shushakend", 39.76, 46.75, 0.20, 1)),
            60 - 5, 2, List.of(2), missions("Embassy in Washington", "Embassy in Tokyo", "Embassy in Moscow",
                    "Consulate General in Saint Petersburg", "Embassy in Tbilisi"), 2);

    private DemoMapGenerator() {
    }

    /**
     * Returns the complete map CSV (header and rows) of the demonstration republic in the given shape. The result
     * is identical on every call.
     */
    public static String mapCsv(DemoShape shape) {
        ShapeSpec spec = switch (shape) {
            case FULL -> FULL;
            case SMALL -> SMALL;
        };
        StringBuilder out = new StringBuilder(shape == DemoShape.FULL ? 1 << 20 : 1 << 13);
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader(HEADER.toArray(String[]::new))
                .setRecordSeparator("\n")
                .get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            new Run(spec, printer).write();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static List<Mission> missions(String... names) {
        List<Mission> result = new ArrayList<>();
        for (String name : names) {
            result.add(Missions.all().stream().filter(m -> m.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No mission " + name)));
        }
        return List.copyOf(result);
    }

    /** One generation run: holds the random source and the names already used. */
    private static final class Run {

        private final ShapeSpec spec;
        private final CSVPrinter printer;
        private final Random random;
        private final Set<String> usedNames = new HashSet<>();

        Run(ShapeSpec spec, CSVPrinter printer) {
            this.spec = spec;
            this.printer = printer;
            this.random = new Random(spec.seed());
        }

        void write() throws IOException {
            List<RegionSpec> regions = spec.regions();
            for (int r = 0; r < regions.size(); r++) {
                usedNames.add(regions.get(r).town());
                printer.printRecord(row("region", regionCode(r), "", "", regions.get(r).name()));
            }
            List<Constituency> constituencies = constituencies();
            for (Constituency c : constituencies) {
                printer.printRecord(row("constituency", c.code(), c.regionCode(), Integer.toString(c.number()),
                        c.name()));
            }
            int[] sizes = stationCounts(constituencies);
            String[][] kinds = kinds(constituencies, sizes);
            for (int i = 0; i < constituencies.size(); i++) {
                writeDomesticStations(constituencies.get(i), sizes[i], kinds[i]);
            }
            writeAbroadStations(constituencies, sizes);
        }

        private List<Constituency> constituencies() {
            List<Constituency> result = new ArrayList<>();
            List<RegionSpec> regions = spec.regions();
            int number = 0;
            for (int r = 0; r < regions.size(); r++) {
                RegionSpec region = regions.get(r);
                int count = region.constituencies();
                int resettled = r == spec.resettledRegion() ? spec.resettledSizes().size() : 0;
                int inTown = count >= 10 ? count * 2 / 3 : count >= 5 ? 2 : 1;
                inTown = Math.max(0, Math.min(inTown, count - resettled));
                for (int k = 0; k < count; k++) {
                    number++;
                    boolean isResettled = k < resettled;
                    boolean city = !isResettled && k - resettled < inTown;
                    String town;
                    String name;
                    if (city) {
                        town = region.town();
                        name = inTown == 1 ? town + " constituency"
                                : town + "-" + (k - resettled + 1) + " constituency";
                    } else {
                        town = newSettlementName();
                        name = town + " constituency";
                    }
                    double spread = city ? region.spread() / 3 : region.spread();
                    double lat = clampLatitude(region.latitude() + random.nextGaussian() * spread);
                    double lon = clampLongitude(region.longitude() + random.nextGaussian() * spread * 1.3);
                    String code = String.format(Locale.ROOT, "C%03d", number);
                    result.add(new Constituency(code, regionCode(r), number, name, town, city, lat, lon,
                            city ? 0.02 : 0.08, isResettled));
                }
            }
            return result;
        }

        /** Stations per constituency: fixed for resettled ones, the rest spread with random weights. */
        private int[] stationCounts(List<Constituency> constituencies) {
            int n = constituencies.size();
            int[] sizes = new int[n];
            double[] weights = new double[n];
            double totalWeight = 0;
            int rest = spec.domesticStations();
            int resettledIndex = 0;
            for (int i = 0; i < n; i++) {
                Constituency c = constituencies.get(i);
                if (c.resettled()) {
                    sizes[i] = spec.resettledSizes().get(resettledIndex++);
                    rest -= sizes[i];
                } else {
                    weights[i] = 0.6 + random.nextDouble() * 0.8 + (c.city() ? 0.2 : 0);
                    totalWeight += weights[i];
                }
            }
            int allocated = 0;
            for (int i = 0; i < n; i++) {
                if (!constituencies.get(i).resettled()) {
                    sizes[i] = (int) Math.floor(rest * weights[i] / totalWeight);
                    allocated += sizes[i];
                }
            }
            for (int i = 0; allocated < rest; i = (i + 1) % n) {
                if (!constituencies.get(i).resettled()) {
                    sizes[i]++;
                    allocated++;
                }
            }
            return sizes;
        }

        /** Kind of every domestic station; the few non-regular ones are spread at random, never resettled. */
        private String[][] kinds(List<Constituency> constituencies, int[] sizes) {
            String[][] kinds = new String[sizes.length][];
            List<int[]> eligible = new ArrayList<>();
            int total = 0;
            for (int i = 0; i < sizes.length; i++) {
                kinds[i] = new String[sizes[i]];
                Arrays.fill(kinds[i], REGULAR);
                total += sizes[i];
                if (!constituencies.get(i).resettled()) {
                    for (int s = 0; s < sizes[i]; s++) {
                        eligible.add(new int[] {i, s});
                    }
                }
            }
            Collections.shuffle(eligible, random);
            int next = 0;
            next = assign(kinds, eligible, next, HOSPITAL, Math.max(1, (int) Math.round(total * 0.015)));
            next = assign(kinds, eligible, next, MILITARY, Math.max(1, (int) Math.round(total * 0.010)));
            next = assign(kinds, eligible, next, DETENTION, Math.max(1, (int) Math.round(total * 0.003)));
            assign(kinds, eligible, next, SPECIAL, Math.max(1, total / 1000));
            return kinds;
        }

        private static int assign(String[][] kinds, List<int[]> eligible, int from, String kind, int count) {
            for (int k = 0; k < count; k++) {
                int[] slot = eligible.get(from + k);
                kinds[slot[0]][slot[1]] = kind;
            }
            return from + count;
        }

        private void writeDomesticStations(Constituency c, int count, String[] kinds) throws IOException {
            List<String> villages = new ArrayList<>();
            for (int v = 0; v < 4; v++) {
                villages.add(VILLAGE_PREFIXES[random.nextInt(VILLAGE_PREFIXES.length)] + settlementName());
            }
            for (int number = 1; number <= count; number++) {
                String kind = kinds[number - 1];
                boolean inTown = c.city() || c.resettled() || !REGULAR.equals(kind) || random.nextInt(10) < 4;
                String settlement = inTown ? c.town() : villages.get(random.nextInt(villages.size()));
                String venue = venue(kind, inTown, settlement, c.resettled());
                String address = (1 + random.nextInt(180)) + " " + pick(STREETS) + " street, " + settlement;
                double spread = inTown ? c.spread() : c.spread() * 2;
                double lat = clampLatitude(c.latitude() + random.nextGaussian() * spread);
                double lon = clampLongitude(c.longitude() + random.nextGaussian() * spread * 1.3);
                int capacity = capacity(kind, inTown);
                printer.printRecord(
                        "station",
                        c.code() + String.format(Locale.ROOT, "-S%04d", number),
                        c.code(),
                        Integer.toString(number),
                        "Polling station " + number + " (" + venue + ")",
                        address,
                        coordinate(lat),
                        coordinate(lon),
                        Integer.toString(capacity),
                        kind,
                        Boolean.toString(c.resettled()),
                        "", "", "");
            }
        }

        private void writeAbroadStations(List<Constituency> constituencies, int[] sizes) throws IOException {
            List<Mission> missions = spec.missions();
            int parents = spec.abroadParents();
            for (int p = 0; p < parents; p++) {
                Constituency parent = constituencies.get(p);
                int from = p * missions.size() / parents;
                int to = (p + 1) * missions.size() / parents;
                for (int m = from; m < to; m++) {
                    Mission mission = missions.get(m);
                    int sequence = m - from + 1;
                    int number = sizes[p] + sequence;
                    printer.printRecord(
                            "station",
                            parent.code() + String.format(Locale.ROOT, "-A%02d", sequence),
                            parent.code(),
                            Integer.toString(number),
                            "Polling station at the " + mission.name(),
                            mission.address(),
                            coordinate(mission.latitude()),
                            coordinate(mission.longitude()),
                            Integer.toString(200 + random.nextInt(1801)),
                            REGULAR,
                            "false",
                            mission.countryCode(),
                            mission.name(),
                            mission.timeZone());
                }
            }
        }

        private String venue(String kind, boolean inTown, String settlement, boolean resettled) {
            return switch (kind) {
                case HOSPITAL -> String.format(Locale.ROOT, pick(HOSPITAL_VENUES), 1 + random.nextInt(40));
                case MILITARY -> "Military unit No. " + (10_000 + random.nextInt(90_000));
                case DETENTION -> String.format(Locale.ROOT, pick(DETENTION_VENUES), 1 + random.nextInt(20));
                case SPECIAL -> pick(SPECIAL_VENUES);
                default -> resettled
                        ? "Residential complex No. " + (1 + random.nextInt(12))
                        : inTown
                        ? String.format(Locale.ROOT, pick(TOWN_VENUES), 1 + random.nextInt(320))
                        : String.format(Locale.ROOT, pick(VILLAGE_VENUES), settlement);
            };
        }

        private int capacity(String kind, boolean inTown) {
            return switch (kind) {
                case HOSPITAL, SPECIAL -> 300 + random.nextInt(301);
                case MILITARY -> 300 + random.nextInt(901);
                case DETENTION -> 300 + random.nextInt(501);
                default -> inTown ? 800 + random.nextInt(2201) : 300 + random.nextInt(1201);
            };
        }

        private String pick(String[] options) {
            return options[random.nextInt(options.length)];
        }

        private String settlementName() {
            return pick(ROOTS) + pick(SUFFIXES);
        }

        /** A settlement name not yet used for a region town or constituency. */
        private String newSettlementName() {
            String name;
            do {
                name = settlementName();
            } while (!usedNames.add(name));
            return name;
        }
    }

    private static List<String> row(String level, String code, String parent, String number, String name) {
        List<String> row = new ArrayList<>(Collections.nCopies(HEADER.size(), ""));
        row.set(0, level);
        row.set(1, code);
        row.set(2, parent);
        row.set(3, number);
        row.set(4, name);
        return row;
    }

    private static String regionCode(int index) {
        return String.format(Locale.ROOT, "R%02d", index + 1);
    }

    private static double clampLatitude(double latitude) {
        return Math.clamp(latitude, MIN_LATITUDE + MARGIN, MAX_LATITUDE - MARGIN);
    }

    private static double clampLongitude(double longitude) {
        return Math.clamp(longitude, MIN_LONGITUDE + MARGIN, MAX_LONGITUDE - MARGIN);
    }

    private static String coordinate(double value) {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).toPlainString();
    }
}
