import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Splits the CPU samples of a JFR recording of the replay (docs/benchmarks.md, runs 26-27) the way the figures there
 * are given: by thread group of the app, then the request threads' samples by the layer of the frame nearest the top
 * that is not the JDK's, then the share of request-thread samples under a few Spring MVC steps.
 * <p>
 * {@code java bench/ProfileSplit.java target/app.jfr [from]}: {@code from} (an ISO instant) leaves out the samples
 * before it, e.g. the start of the replay, so that the accounts' sign-ins and the map import do not count.
 */
public class ProfileSplit {

    private static final Map<String, String> GROUPS = new LinkedHashMap<>();
    private static final Map<String, String> LAYERS = new LinkedHashMap<>();
    private static final List<String> STEPS = List.of(
            "HandlerMethodReturnValueHandlerComposite.handleReturnValue",
            "AbstractMessageConverterMethodArgumentResolver.readWithMessageConverters",
            "AbstractMessageConverterMethodArgumentResolver.validateIfApplicable");

    static {
        GROUPS.put("http-nio-.*-exec-.*", "request threads");
        GROUPS.put("protocol-writer-.*", "group-commit writer");
        GROUPS.put("scheduling-.*", "scheduled work (snapshots, sealer)");
        LAYERS.put("org.electora.", "Electora");
        LAYERS.put("tools.jackson.", "Jackson");
        LAYERS.put("org.springframework.security.", "Spring Security");
        LAYERS.put("org.springframework.", "Spring MVC and core");
        LAYERS.put("org.apache.catalina.", "Tomcat");
        LAYERS.put("org.apache.coyote.", "Tomcat");
        LAYERS.put("org.apache.tomcat.", "Tomcat");
        LAYERS.put("jakarta.servlet.", "Tomcat");
        LAYERS.put("io.micrometer.", "Micrometer");
        LAYERS.put("org.hibernate.validator.", "Hibernate Validator");
        LAYERS.put("org.postgresql.", "pgjdbc");
        LAYERS.put("com.zaxxer.", "Hikari");
        LAYERS.put("ch.qos.logback.", "Logback");
    }

    public static void main(String[] args) throws Exception {
        Instant from = args.length > 1 ? Instant.parse(args[1]) : Instant.MIN;
        Map<String, Integer> groups = new TreeMap<>();
        Map<String, Integer> layers = new TreeMap<>();
        Map<String, Integer> steps = new LinkedHashMap<>();
        STEPS.forEach(s -> steps.put(s, 0));
        int requests = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStartTime().isBefore(from)
                    || e.getStackTrace() == null) {
                continue;
            }
            String thread = e.getThread("sampledThread").getJavaName();
            String group = GROUPS.entrySet().stream().filter(g -> thread != null && thread.matches(g.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (group == null) {
                continue;
            }
            groups.merge(group, 1, Integer::sum);
            if (!group.equals("request threads")) {
                continue;
            }
            requests++;
            List<String> frames = new ArrayList<>();
            for (RecordedFrame f : e.getStackTrace().getFrames()) {
                frames.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
            }
            layers.merge(frames.stream().map(ProfileSplit::layer).filter(l -> l != null).findFirst().orElse("JDK only"),
                    1, Integer::sum);
            for (String step : STEPS) {
                if (frames.stream().anyMatch(f -> f.endsWith(step))) {
                    steps.merge(step, 1, Integer::sum);
                }
            }
        }
        int all = groups.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("app samples: %,d%n", all);
        groups.forEach((g, n) -> System.out.printf("  %5.1f %%  %s%n", 100.0 * n / all, g));
        System.out.printf("request-thread samples by the layer of the top frame outside the JDK: %,d%n", requests);
        int r = requests;
        layers.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(l -> System.out.printf("  %5.1f %%  %s%n", 100.0 * l.getValue() / r, l.getKey()));
        System.out.println("request-thread samples under these Spring MVC steps (inclusive):");
        steps.forEach((s, n) -> System.out.printf("  %5.1f %%  %s%n", 100.0 * n / r, s));
    }

    private static String layer(String frame) {
        return LAYERS.entrySet().stream().filter(l -> frame.startsWith(l.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }
}
