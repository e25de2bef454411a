package org.electora.registry.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Names of the demo republic's synthetic people, drawn with a Zipf-like frequency (the k-th most common name about
 * 1/k as often as the first) so that a register of millions has the name collisions a real one has: many people
 * called Mammadov, many namesakes born on the same day. About nine in ten people carry Azerbaijani names, one in ten
 * Russian ones. Family names come from a list of common surnames and, in the long tail, from given names (Elnurov,
 * Rashadova), as Azerbaijani surnames were formed; patronymics from the father's given name ("Rashad oglu",
 * "Sergeyevich").
 */
public final class SyntheticNames {

    /** Azerbaijani male given names, most common first. */
    static final String[] AZ_MALE = {"Ali", "Huseyn", "Mammad", "Elnur", "Rashad", "Tural", "Farid", "Orkhan", "Kamran",
            "Anar", "Vugar", "Elchin", "Ramil", "Samir", "Ilgar", "Rauf", "Emil", "Namik", "Javid", "Zaur", "Murad",
            "Togrul", "Nijat", "Rovshan", "Ilham", "Azer", "Fuad", "Mahir", "Shahin", "Eldar", "Ramin", "Babek", "Sanan",
            "Yusif", "Ismayil", "Kanan", "Araz", "Ulvi", "Emin", "Tabriz", "Polad", "Hasan", "Ibrahim", "Ahmad", "Aydin",
            "Elshan", "Elvin", "Fizuli", "Gadir", "Habib", "Ilkin", "Jeyhun", "Kamal", "Khayal", "Mirza", "Nadir", "Nazim",
            "Oktay", "Parviz", "Rafael", "Rahim", "Rasim", "Rustam", "Sabir", "Sahib", "Seymur", "Tahir", "Teymur", "Vasif",
            "Vusal", "Yashar", "Zakir", "Zamig", "Aqil", "Arif", "Asif", "Bahruz", "Bakhtiyar", "Chingiz", "Dashgin",
            "Elmir", "Elkhan", "Etibar", "Fariz", "Gabil", "Hikmet", "Ilyas", "Isa", "Jamal", "Kazim", "Latif", "Mehdi",
            "Mubariz", "Natig", "Nurlan", "Oruj", "Qasim", "Ravan", "Rufat", "Sadig", "Sakhavat", "Shamil", "Suleyman",
            "Tofig", "Urfan", "Valeh", "Vidadi", "Yagub", "Zahid", "Zia", "Adil", "Agshin", "Akif", "Alakbar", "Amil",
            "Asim", "Azad", "Bayram", "Elbrus", "Elgun", "Eyvaz", "Faig", "Firudin", "Gurban", "Hafiz", "Heydar", "Ikram",
            "Imran", "Jalal", "Kerim", "Khalid", "Mahammad", "Malik", "Mushfig", "Nasib", "Niyazi", "Novruz", "Rafig",
            "Rahman", "Ramiz", "Rza", "Sabuhi", "Safar", "Samad", "Shahlar", "Shakir", "Tarlan", "Telman", "Tapdig",
            "Vagif", "Valiyaddin", "Vilayat", "Yaver", "Zeynal", "Ziyad", "Mubariz", "Aslan", "Bahadur", "Ehtiram",
            "Elman", "Farhad", "Fikrat", "Gunduz", "Hamid", "Huseyngulu", "Ibad", "Jabbar", "Khanlar", "Mahmud", "Musa",
            "Nariman", "Nusrat", "Pasha", "Rasul", "Sahil", "Shahmar", "Sultan", "Tamerlan", "Turan", "Uzeyir", "Yunis"};
    /** Azerbaijani female given names, most common first. */
    static final String[] AZ_FEMALE = {"Aynur", "Leyla", "Sevinj", "Gunel", "Nigar", "Aysel", "Shahla", "Lala", "Narmin",
            "Konul", "Sabina", "Ulviyya", "Gulnar", "Aygun", "Nargiz", "Zarifa", "Sevda", "Fidan", "Aytan", "Nuray",
            "Jamila", "Khadija", "Rena", "Mehriban", "Samira", "Lamiya", "Turkan", "Gulshan", "Parvana", "Ilaha", "Afag",
            "Madina", "Zuleykha", "Arzu", "Yegana", "Tamilla", "Vusala", "Roya", "Sona", "Banu", "Aida", "Almaz", "Aydan",
            "Aytaj", "Bahar", "Dilara", "Dilbar", "Elmira", "Esmira", "Farida", "Firuza", "Gulchin", "Gulnara", "Gulara",
            "Hokuma", "Ilhama", "Irada", "Jala", "Kamala", "Kifayat", "Khanim", "Laman", "Lala", "Mahbuba", "Malak",
            "Mansura", "Matanat", "Minaya", "Nailya", "Nazila", "Nazrin", "Nurana", "Nushaba", "Ofelya", "Pari",
            "Rahila", "Rasmiya", "Reyhan", "Rubaba", "Sadagat", "Saida", "Sakina", "Sama", "Shafaq", "Shakhnaz",
            "Sharafat", "Simuzar", "Solmaz", "Sudaba", "Surayya", "Tahmina", "Tarana", "Tunzala", "Ulkar", "Vafa",
            "Valida", "Yasamin", "Zahra", "Zamira", "Zeynab", "Zohra", "Aygul", "Amina", "Asmar", "Aynura", "Basti",
            "Chinara", "Durna", "Elnara", "Fatima", "Gulbahar", "Gulyaz", "Gunay", "Hijran", "Inara", "Jeyran", "Kubra",
            "Lale", "Mahira", "Maryam", "Nabat", "Naila", "Nazakat", "Nubar", "Rafiga", "Rana", "Sadaf", "Sevil",
            "Shirin", "Tukazban", "Ulduz", "Yaqut", "Zakira", "Zemfira", "Zulfiyya", "Afat", "Billura",
            "Dunya", "Firangiz", "Govhar", "Humay", "Javahir", "Kamila", "Mehpara", "Nisa", "Nurlana"};
    /** Russian male given names (as written in Latin letters), most common first. */
    static final String[] RU_MALE = {"Aleksandr", "Sergey", "Dmitriy", "Andrey", "Aleksey", "Vladimir", "Ivan", "Mikhail",
            "Nikolay", "Yevgeniy", "Pavel", "Maksim", "Artyom", "Igor", "Viktor", "Roman", "Oleg", "Denis", "Anton",
            "Yuriy", "Vladislav", "Konstantin", "Vadim", "Ilya", "Kirill", "Boris", "Grigoriy", "Leonid", "Stanislav",
            "Valeriy", "Anatoliy", "Gennadiy", "Vasiliy", "Fyodor", "Timur", "Ruslan", "Yegor", "Nikita", "Stepan",
            "Arkadiy", "Vitaliy", "Semyon", "Lev", "Matvey", "Timofey", "Yaroslav", "Gleb", "Daniil", "Georgiy", "Pyotr"};
    /** Russian female given names, most common first. */
    static final String[] RU_FEMALE = {"Yelena", "Olga", "Tatyana", "Natalya", "Irina", "Svetlana", "Anna", "Mariya",
            "Yekaterina", "Galina", "Lyudmila", "Marina", "Nadezhda", "Valentina", "Yuliya", "Anastasiya", "Oksana",
            "Larisa", "Lyubov", "Vera", "Nina", "Alla", "Zoya", "Tamara", "Inna", "Kseniya", "Darya", "Polina", "Sofiya",
            "Viktoriya", "Alina", "Kristina", "Valeriya", "Diana", "Yevgeniya", "Alyona", "Zhanna", "Raisa", "Lidiya",
            "Veronika", "Margarita", "Elvira", "Antonina", "Klavdiya", "Yana", "Nonna", "Regina", "Taisiya", "Ulyana", "Ada"};
    /** Azerbaijani surnames (male form), most common first; the tail is formed from given names. */
    static final String[] AZ_FAMILY = {"Mammadov", "Aliyev", "Hasanov", "Huseynov", "Guliyev", "Ismayilov", "Abbasov",
            "Jafarov", "Rahimov", "Karimov", "Ibrahimov", "Bagirov", "Suleymanov", "Valiyev", "Mustafayev", "Askarov",
            "Nasirov", "Gasimov", "Rustamov", "Aghayev", "Babayev", "Veliyev", "Orujov", "Najafov", "Safarov", "Tagiyev",
            "Zeynalov", "Ahmadov", "Musayev", "Heydarov", "Shirinov", "Sadigov", "Alakbarov", "Novruzov", "Akhundov",
            "Farzaliyev", "Yusifov", "Hajiyev", "Salimov", "Amirov", "Bayramov", "Khalilov", "Kazimov", "Latifov",
            "Mehdiyev", "Nadirov", "Pashayev", "Rafiyev", "Shukurov", "Asadov", "Azizov", "Gurbanov", "Hamidov",
            "Isgandarov", "Jabbarov", "Kerimov", "Mahmudov", "Mirzayev", "Nabiyev", "Rasulov", "Sultanov", "Talibov",
            "Yagubov", "Zamanov", "Abdullayev", "Aslanov", "Badalov", "Dadashov", "Efendiyev", "Garayev", "Hummatov",
            "Imanov", "Jalilov", "Kamalov", "Mansurov", "Muradov", "Nuriyev", "Qurbanov", "Rzayev", "Sadikhov",
            "Tahirov", "Umudov", "Vahabov", "Yahyayev", "Ziyadov", "Allahverdiyev", "Bakhshaliyev", "Gahramanov",
            "Hajiyev", "Ismayilzada", "Javadov", "Mikayilov", "Mirzazada", "Nasibov", "Osmanov", "Qasimli", "Ramazanov",
            "Shahbazov", "Valiyeva", "Zulfugarov", "Aghazada", "Alizada", "Hasanli", "Huseynli", "Mammadli",
            "Abbasli", "Rahimli", "Karimli", "Jafarli", "Guliyeva"};
    /** Russian surnames (male form), most common first. */
    static final String[] RU_FAMILY = {"Ivanov", "Smirnov", "Kuznetsov", "Popov", "Vasilyev", "Petrov", "Sokolov",
            "Mikhaylov", "Novikov", "Fyodorov", "Morozov", "Volkov", "Alekseyev", "Lebedev", "Semyonov", "Yegorov",
            "Pavlov", "Kozlov", "Stepanov", "Nikolayev", "Orlov", "Andreyev", "Makarov", "Nikitin", "Zakharov", "Zaytsev",
            "Solovyov", "Borisov", "Yakovlev", "Grigoryev", "Romanov", "Vorobyov", "Sergeyev", "Kuzmin", "Frolov",
            "Aleksandrov", "Dmitriyev", "Korolyov", "Gusev", "Kiselyov", "Ilyin", "Maksimov", "Polyakov", "Sorokin",
            "Vinogradov", "Kovalyov", "Belov", "Medvedev", "Antonov", "Tarasov", "Zhukov", "Baranov", "Filippov",
            "Komarov", "Davydov", "Belyayev", "Gerasimov", "Bogdanov", "Osipov", "Sidorov", "Matveyev", "Titov",
            "Markov", "Mironov", "Krylov", "Kulikov", "Karpov", "Vlasov", "Melnikov", "Denisov", "Gavrilov", "Tikhonov",
            "Kazakov", "Afanasyev", "Danilov", "Savelyev", "Timofeyev", "Fomin", "Chernov", "Abramov", "Martynov",
            "Yefimov", "Fedotov", "Shcherbakov", "Nazarov", "Kalinin", "Isayev", "Chernyshov", "Bykov", "Maslov"};

    private static final Zipf AZ_MALE_NAMES = new Zipf(AZ_MALE);
    private static final Zipf AZ_FEMALE_NAMES = new Zipf(AZ_FEMALE);
    private static final Zipf RU_MALE_NAMES = new Zipf(RU_MALE);
    private static final Zipf RU_FEMALE_NAMES = new Zipf(RU_FEMALE);
    /** Listed surnames first, then surnames formed from male given names ("Elnurov") as the long tail. */
    private static final Zipf AZ_FAMILY_NAMES = new Zipf(azerbaijaniSurnames());
    private static final Zipf RU_FAMILY_NAMES = new Zipf(RU_FAMILY);

    /** A person's names as registered (Latin letters; the patronymic in the person's naming tradition). */
    public record Names(String given, String family, String patronymic) {
    }

    private SyntheticNames() {
    }

    public static Names draw(SplittableRandom random, boolean male) {
        boolean russian = random.nextInt(10) == 0;
        String given;
        String family;
        String patronymic;
        if (russian) {
            given = (male ? RU_MALE_NAMES : RU_FEMALE_NAMES).draw(random);
            family = russianFeminine(RU_FAMILY_NAMES.draw(random), male);
            patronymic = russianPatronymic(RU_MALE_NAMES.draw(random), male);
        } else {
            given = (male ? AZ_MALE_NAMES : AZ_FEMALE_NAMES).draw(random);
            family = azerbaijaniFeminine(AZ_FAMILY_NAMES.draw(random), male);
            patronymic = AZ_MALE_NAMES.draw(random) + (male ? " oglu" : " gizi");
        }
        return new Names(given, family, patronymic);
    }

    /** How many distinct given and family names the generator can draw (for the docs and the benchmark's header). */
    public static int[] distinct() {
        var given = new LinkedHashSet<String>();
        given.addAll(Arrays.asList(AZ_MALE));
        given.addAll(Arrays.asList(AZ_FEMALE));
        given.addAll(Arrays.asList(RU_MALE));
        given.addAll(Arrays.asList(RU_FEMALE));
        return new int[] {given.size(), AZ_FAMILY_NAMES.values.length + RU_FAMILY_NAMES.values.length};
    }

    private static String[] azerbaijaniSurnames() {
        var names = new LinkedHashSet<String>();
        for (String s : AZ_FAMILY) {
            if (s.endsWith("ov") || s.endsWith("yev") || s.endsWith("ev") || s.endsWith("zada") || s.endsWith("li")) {
                names.add(s);
            }
        }
        for (String given : AZ_MALE) {
            if (given.length() > 3) {
                names.add(given + (given.endsWith("i") || given.endsWith("a") ? "yev" : "ov"));
                names.add(given + "li");
            }
        }
        return names.toArray(String[]::new);
    }

    private static String azerbaijaniFeminine(String surname, boolean male) {
        if (male || surname.endsWith("zada") || surname.endsWith("li")) {
            return surname;
        }
        return surname + "a";
    }

    private static String russianFeminine(String surname, boolean male) {
        if (male) {
            return surname;
        }
        return surname.endsWith("in") || surname.endsWith("ov") || surname.endsWith("ev") || surname.endsWith("yov")
                ? surname + "a" : surname;
    }

    /** Sergey → Sergeyevich / Sergeyevna, Ivan → Ivanovich / Ivanovna, Nikita → Nikitich / Nikitichna. */
    static String russianPatronymic(String father, boolean male) {
        if (father.endsWith("iy")) {
            String stem = father.substring(0, father.length() - 2);
            return stem + (male ? "iyevich" : "iyevna");
        }
        if (father.endsWith("y")) {
            return father + (male ? "evich" : "evna");
        }
        if (father.endsWith("a")) {
            return father.substring(0, father.length() - 1) + (male ? "ich" : "ichna");
        }
        return father + (male ? "ovich" : "ovna");
    }

    /** Draws with probability proportional to 1 / rank (rank 1 = first value). */
    private static final class Zipf {
        final String[] values;
        final double[] cumulative;

        Zipf(String[] listed) {
            List<String> distinct = new ArrayList<>(new LinkedHashSet<>(Arrays.asList(listed)));
            values = distinct.toArray(String[]::new);
            cumulative = new double[values.length];
            double sum = 0;
            for (int k = 0; k < values.length; k++) {
                sum += 1.0 / (k + 1);
                cumulative[k] = sum;
            }
            for (int k = 0; k < values.length; k++) {
                cumulative[k] /= sum;
            }
        }

        String draw(SplittableRandom random) {
            int i = Arrays.binarySearch(cumulative, random.nextDouble());
            return values[Math.min(values.length - 1, i < 0 ? -i - 1 : i)];
        }
    }
}
