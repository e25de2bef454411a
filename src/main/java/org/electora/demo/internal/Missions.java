package org.electora.demo.internal;

import java.util.List;

/**
 * Diplomatic missions of the fictional republic that host polling stations abroad.
 *
 * <p>Host countries, cities, IANA time zones and city coordinates are real; mission names and street addresses are
 * plausible but invented for the demonstration. One polling station is opened at each mission. The list covers
 * 37 countries with 49 missions (several countries host a second or third mission, e.g. a consulate general).
 */
final class Missions {

    /**
     * One mission abroad.
     *
     * @param countryCode ISO 3166-1 alpha-2 code of the host country
     * @param city city the mission is located in
     * @param name mission name, e.g. "Embassy in Berlin"
     * @param timeZone IANA time zone of the city
     * @param latitude city latitude in decimal degrees
     * @param longitude city longitude in decimal degrees
     * @param address street address of the mission
     */
    record Mission(String countryCode, String city, String name, String timeZone,
                   double latitude, double longitude, String address) {
    }

    private static final List<Mission> ALL = List.of(
            // CIS and neighbours
            new Mission("RU", "Moscow", "Embassy in Moscow", "Europe/Moscow",
                    55.755800, 37.617300, "16 Leontyevsky Lane, Moscow 125009"),
            new Mission("RU", "Saint Petersburg", "Consulate General in Saint Petersburg", "Europe/Moscow",
                    59.934300, 30.335100, "7 Kirochnaya street, Saint Petersburg 191028"),
            new Mission("RU", "Yekaterinburg", "Consulate General in Yekaterinburg", "Asia/Yekaterinburg",
                    56.838900, 60.605700, "22 Malysheva street, Yekaterinburg 620014"),
            new Mission("TR", "Ankara", "Embassy in Ankara", "Europe/Istanbul",
                    39.933400, 32.859700, "Bakü Sokak No. 1, Oran, 06450 Çankaya, Ankara"),
            new Mission("TR", "Istanbul", "Consulate General in Istanbul", "Europe/Istanbul",
                    41.008200, 28.978400, "Şair Nedim Caddesi No. 14, 34357 Beşiktaş, Istanbul"),
            new Mission("TR", "Kars", "Consulate General in Kars", "Europe/Istanbul",
                    40.601300, 43.097500, "Faikbey Caddesi No. 121, 36100 Kars"),
            new Mission("GE", "Tbilisi", "Embassy in Tbilisi", "Asia/Tbilisi",
                    41.715100, 44.827100, "4 Kipshidze street, 0162 Tbilisi"),
            new Mission("GE", "Batumi", "Consulate General in Batumi", "Asia/Tbilisi",
                    41.616800, 41.636700, "9 Pushkin street, 6010 Batumi"),
            new Mission("GE", "Marneuli", "Consular Office in Marneuli", "Asia/Tbilisi",
                    41.475900, 44.808700, "31 Rustaveli street, 3000 Marneuli"),
            new Mission("UA", "Kyiv", "Embassy in Kyiv", "Europe/Kyiv",
                    50.450100, 30.523400, "24 Hlybochytska street, 04050 Kyiv"),
            new Mission("UA", "Odesa", "Consulate General in Odesa", "Europe/Kyiv",
                    46.482500, 30.723300, "8 Fontanska road, 65009 Odesa"),
            new Mission("BY", "Minsk", "Embassy in Minsk", "Europe/Minsk",
                    53.900600, 27.559000, "3 Vostochnaya street, 220113 Minsk"),
            new Mission("KZ", "Astana", "Embassy in Astana", "Asia/Almaty",
                    51.169400, 71.449100, "24 Kabanbay Batyr avenue, 010000 Astana"),
            new Mission("KZ", "Aktau", "Consulate General in Aktau", "Asia/Aqtau",
                    43.650000, 51.197500, "Microdistrict 14, building 6, 130000 Aktau"),
            new Mission("UZ", "Tashkent", "Embassy in Tashkent", "Asia/Tashkent",
                    41.299500, 69.240100, "25 Shota Rustaveli street, 100070 Tashkent"),
            new Mission("TM", "Ashgabat", "Embassy in Ashgabat", "Asia/Ashgabat",
                    37.960100, 58.326100, "44 Garashsyzlyk avenue, 744000 Ashgabat"),
            new Mission("KG", "Bishkek", "Embassy in Bishkek", "Asia/Bishkek",
                    42.874600, 74.569800, "102 Chuy avenue, 720040 Bishkek"),
            new Mission("TJ", "Dushanbe", "Embassy in Dushanbe", "Asia/Dushanbe",
                    38.559800, 68.787000, "11 Rudaki avenue, 734025 Dushanbe"),
            // Europe
            new Mission("DE", "Berlin", "Embassy in Berlin", "Europe/Berlin",
                    52.520000, 13.405000, "Hubertusallee 43, 14193 Berlin"),
            new Mission("DE", "Frankfurt am Main", "Consulate General in Frankfurt am Main", "Europe/Berlin",
                    50.110900, 8.682100, "Bockenheimer Landstraße 51, 60325 Frankfurt am Main"),
            new Mission("GB", "London", "Embassy in London", "Europe/London",
                    51.507400, -0.127800, "4 Kensington Court, London W8 5DL"),
            new Mission("FR", "Paris", "Embassy in Paris", "Europe/Paris",
                    48.856600, 2.352200, "78 avenue d'Iéna, 75116 Paris"),
            new Mission("IT", "Rome", "Embassy in Rome", "Europe/Rome",
                    41.902800, 12.496400, "Via Flaminia 334, 00196 Roma"),
            new Mission("ES", "Madrid", "Embassy in Madrid", "Europe/Madrid",
                    40.416800, -3.703800, "Calle del Padre Damián 26, 28036 Madrid"),
            new Mission("NL", "The Hague", "Embassy in The Hague", "Europe/Amsterdam",
                    52.070500, 4.300700, "Laan Copes van Cattenburch 48, 2585 GB Den Haag"),
            new Mission("BE", "Brussels", "Embassy in Brussels", "Europe/Brussels",
                    50.850300, 4.351700, "Avenue Moscicki 464, 1180 Uccle, Brussels"),
            new Mission("AT", "Vienna", "Embassy in Vienna", "Europe/Vienna",
                    48.208200, 16.373800, "Hügelgasse 2, 1130 Wien"),
            new Mission("CH", "Bern", "Embassy in Bern", "Europe/Zurich",
                    46.948000, 7.447400, "Elfenstrasse 19, 3006 Bern"),
            new Mission("PL", "Warsaw", "Embassy in Warsaw", "Europe/Warsaw",
                    52.229700, 21.012200, "ul. Zwycięzców 12, 03-936 Warszawa"),
            new Mission("CZ", "Prague", "Embassy in Prague", "Europe/Prague",
                    50.075500, 14.437800, "Na Zátorce 12, 160 00 Praha 6"),
            new Mission("SE", "Stockholm", "Embassy in Stockholm", "Europe/Stockholm",
                    59.329300, 18.068600, "Strandvägen 23, 114 56 Stockholm"),
            // Middle East and Africa
            new Mission("IR", "Tehran", "Embassy in Tehran", "Asia/Tehran",
                    35.689200, 51.389000, "No. 16, Kamranieh Shomali street, Tehran"),
            new Mission("IR", "Tabriz", "Consulate General in Tabriz", "Asia/Tehran",
                    38.080000, 46.291900, "Motahari avenue 95, Tabriz"),
            new Mission("AE", "Abu Dhabi", "Embassy in Abu Dhabi", "Asia/Dubai",
                    24.453900, 54.377300, "Villa 12, Al Bateen, Abu Dhabi"),
            new Mission("AE", "Dubai", "Consulate General in Dubai", "Asia/Dubai",
                    25.204800, 55.270800, "Villa 7, Street 19, Umm Suqeim 2, Dubai"),
            new Mission("SA", "Riyadh", "Embassy in Riyadh", "Asia/Riyadh",
                    24.713600, 46.675300, "Diplomatic Quarter, Al Safarat, Riyadh 11693"),
            new Mission("QA", "Doha", "Embassy in Doha", "Asia/Qatar",
                    25.285400, 51.531000, "Building 33, Al Dafna street, West Bay, Doha"),
            new Mission("IL", "Tel Aviv", "Embassy in Tel Aviv", "Asia/Jerusalem",
                    32.085300, 34.781800, "14 HaArbaa street, Tel Aviv 6473914"),
            new Mission("EG", "Cairo", "Embassy in Cairo", "Africa/Cairo",
                    30.044400, 31.235700, "10 Maahad El Sahari street, Heliopolis, Cairo"),
            new Mission("ZA", "Pretoria", "Embassy in Pretoria", "Africa/Johannesburg",
                    -25.747900, 28.229300, "1139 Pretorius street, Hatfield, Pretoria 0083"),
            // Asia and Oceania
            new Mission("CN", "Beijing", "Embassy in Beijing", "Asia/Shanghai",
                    39.904200, 116.407400, "7 Sanlitun Xi Wu Jie, Chaoyang District, Beijing 100600"),
            new Mission("JP", "Tokyo", "Embassy in Tokyo", "Asia/Tokyo",
                    35.676200, 139.650300, "1-19-15 Higashigaoka, Meguro-ku, Tokyo 152-0021"),
            new Mission("KR", "Seoul", "Embassy in Seoul", "Asia/Seoul",
                    37.566500, 126.978000, "47 Hannam-daero 20-gil, Yongsan-gu, Seoul 04419"),
            new Mission("IN", "New Delhi", "Embassy in New Delhi", "Asia/Kolkata",
                    28.613900, 77.209000, "E-70 Vasant Marg, Vasant Vihar, New Delhi 110057"),
            new Mission("AU", "Canberra", "Embassy in Canberra", "Australia/Sydney",
                    -35.280900, 149.130000, "41 Hampton Circuit, Yarralumla ACT 2600"),
            // Americas
            new Mission("US", "Washington", "Embassy in Washington", "America/New_York",
                    38.907200, -77.036900, "2741 34th Street NW, Washington, DC 20008"),
            new Mission("US", "Los Angeles", "Consulate General in Los Angeles", "America/Los_Angeles",
                    34.052200, -118.243700, "11766 Wilshire Boulevard, Suite 1410, Los Angeles, CA 90025"),
            new Mission("CA", "Ottawa", "Embassy in Ottawa", "America/Toronto",
                    45.421500, -75.697200, "275 Slater Street, Suite 904, Ottawa, ON K1P 5H9"),
            new Mission("BR", "Brasília", "Embassy in Brasília", "America/Sao_Paulo",
                    -15.793900, -47.882800, "SHIS QI 05, Conjunto 16, Casa 11, Lago Sul, Brasília 71615-160"));

    private Missions() {
    }

    /** All 49 missions in 37 countries, in a fixed order. */
    static List<Mission> all() {
        return ALL;
    }
}
