package org.electora.demo.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.electora.platform.CurrentStaff;
import org.electora.registry.RegisterImport;
import org.electora.registry.RegisterSample;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo republic's full register from the command line (README, docs/register.md):
 * {@code --electora.demo.register=FULL} generates about 6.5 million synthetic voters ({@link RegisterSample.Spec#demoRepublic}),
 * imports them through the register import (COPY, one transaction) with a progress bar, assigns them to stations,
 * puts the voters abroad and on business trips on lists abroad, prints what it did and exits; a number instead of
 * FULL loads that many voters the same way. Runs after {@link DemoRepublicLoader} (which then skips its first-start
 * sample). A console tool: its report goes to standard output on purpose.
 */
@Component
@Order(20)
class DemoRegisterCommand implements ApplicationRunner {

    /** About what a synthetic voter's CSV row takes (915 MiB for 10 million): the bar's length before the file exists. */
    private static final long BYTES_PER_VOTER = 96;

    private final RegisterSample registerSample;
    private final ConfigurableApplicationContext context;
    private final String register;

    DemoRegisterCommand(RegisterSample registerSample, ConfigurableApplicationContext context,
                        @Value("${electora.demo.register:}") String register) {
        this.registerSample = registerSample;
        this.context = context;
        this.register = register;
    }

    /** The spec asked for on the command line, or null when none was. */
    static RegisterSample.Spec spec(String register) {
        if (register == null || register.isBlank()) {
            return null;
        }
        RegisterSample.Spec full = RegisterSample.Spec.demoRepublic(DemoRepublicLoader.SAMPLE_SEED);
        if ("FULL".equalsIgnoreCase(register.strip())) {
            return full;
        }
        try {
            int voters = Integer.parseInt(register.strip().replace("_", ""));
            return new RegisterSample.Spec(voters, full.seed(), full.abroadPer100k(), full.duplicatesPer100k(),
                    (int) Math.min(full.businessTrips(), Math.max(1, voters / 3_250L)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("electora.demo.register: FULL or a number of voters, not \"" + register + "\"");
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        RegisterSample.Spec spec = spec(register);
        if (spec == null) {
            return;
        }
        long started = System.nanoTime();
        RegisterSample.Result result;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Demo register").setInitialMax(spec.voters() * BYTES_PER_VOTER)
                .setUnit(" MiB", 1024 * 1024).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                .continuousUpdate().build()) {
            result = CurrentStaff.runAsSystem(() -> registerSample.load(spec, new RegisterImport.Progress() {
                @Override
                public void read(long bytes) {
                    bar.maxHint(Math.max(bar.getMax(), bytes));
                    bar.stepTo(bytes);
                }

                @Override
                public void phase(String name) {
                    bar.setExtraMessage(" " + name);
                }
            }));
        }
        RegisterImport.Report imported = result.imported();
        System.out.printf(Locale.ROOT, "demo register: %,d rows (%,d voters, %,d planted duplicates), %,d inserted, %,d updated, "
                        + "%,d unchanged%n", imported.rows(), spec.voters(), imported.rows() - spec.voters(), imported.inserted(),
                imported.updated(), imported.unchanged());
        System.out.printf(Locale.ROOT, "assignment: %,d rules, %,d voters assigned, %,d uncovered; %,d moved to stations abroad "
                        + "(%,d left without a list), %,d on business trips%n", result.rules(), result.assigned(), result.uncovered(),
                result.movedAbroad(), result.abroadLeftOff(), result.businessTrips());
        System.out.printf(Locale.ROOT, "took %.1f s; JVM peak heap %,d MiB (sum of heap pool peaks), max %,d MiB%n",
                (System.nanoTime() - started) / 1e9, peakHeap() / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.exit(SpringApplication.exit(context, () -> 0));
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getPeakUsage).mapToLong(u -> u.getUsed()).sum();
    }
}
