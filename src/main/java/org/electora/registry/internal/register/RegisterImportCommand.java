package org.electora.registry.internal.register;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.electora.platform.CurrentStaff;
import org.electora.registry.RegisterImport;
import org.electora.registry.internal.SyntheticRegister;
import org.postgresql.PGConnection;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The command line (docs/register-csv.md): {@code --electora.registry.import-file=<csv>} imports a register file with
 * a progress bar, prints the report and exits (0 applied, 2 rejected). With {@code --electora.registry.bench=<n>} it
 * first writes n synthetic voters to that file, and after the import COPYs the same file into a table with the
 * voter table's columns and indexes, printing both times, their ratio and the JVM's peak heap (bench/).
 * This is a console tool: its report goes to standard output on purpose.
 */
@Component
@Order(Integer.MAX_VALUE)
class RegisterImportCommand implements ApplicationRunner {

    private final Environment env;
    private final RegisterImport importer;
    private final RegisterReference reference;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final ConfigurableApplicationContext context;

    RegisterImportCommand(Environment env, RegisterImport importer, RegisterReference reference, JdbcClient jdbc,
                          DataSource dataSource, PlatformTransactionManager tm, ConfigurableApplicationContext context) {
        this.env = env;
        this.importer = importer;
        this.reference = reference;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactions = new TransactionTemplate(tm);
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        String file = env.getProperty("electora.registry.import-file");
        if (file == null) {
            return;
        }
        Path path = Path.of(file);
        Integer bench = env.getProperty("electora.registry.bench", Integer.class);
        if (bench != null) {
            generate(path, bench);
            jdbc.sql("CHECKPOINT").update();
        }
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long start = System.nanoTime();
        RegisterImport.Report report = CurrentStaff.runAsSystem(() -> importWithProgress(path));
        Duration importTime = Duration.ofNanos(System.nanoTime() - start);
        print(report, importTime);
        int exit = report.outcome() == RegisterImport.Outcome.APPLIED ? 0 : 2;
        if (bench != null && exit == 0) {
            Duration raw = rawCopy(path);
            double ratio = (double) importTime.toMillis() / Math.max(1, raw.toMillis());
            System.out.printf(Locale.ROOT, "import:   %,d rows in %.1f s%n", report.rows(), importTime.toMillis() / 1000.0);
            System.out.printf(Locale.ROOT, "raw COPY: %,d rows in %.1f s (same file, table with voter's columns and indexes)%n",
                    report.rows(), raw.toMillis() / 1000.0);
            System.out.printf(Locale.ROOT, "ratio:    %.2f (target <= 1.5)%n", ratio);
            System.out.printf(Locale.ROOT, "JVM peak heap: %,d MiB used (sum of heap pool peaks), max %,d MiB%n",
                    peakHeap() / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024));
            // The machine may be shared: the ratio compares two runs under about the same load, the times alone do not.
            System.out.printf(Locale.ROOT, "load average (1 min): %.2f before the import, %.2f after the raw COPY, %d cores%n",
                    loadBefore, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
        }
        System.exit(SpringApplication.exit(context, () -> exit));
    }

    private RegisterImport.Report importWithProgress(Path path) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
             ProgressBar bar = new ProgressBarBuilder().setTaskName("Register import").setInitialMax(Files.size(path))
                     .setUnit(" MiB", 1024 * 1024).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                     .continuousUpdate().build()) {
            return importer.importCsv(in, Files.size(path), new RegisterImport.Progress() {
                @Override
                public void read(long bytes) {
                    bar.stepTo(bytes);
                }

                @Override
                public void phase(String name) {
                    bar.setExtraMessage(name);
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void print(RegisterImport.Report report, Duration time) {
        System.out.printf(Locale.ROOT, "%s: %,d rows, %,d inserted, %,d updated, %,d unchanged in %.1f s (import %d, sha256 %s)%n",
                report.outcome(), report.rows(), report.inserted(), report.updated(), report.unchanged(),
                time.toMillis() / 1000.0, report.importId(), report.sourceSha256());
        report.problemCounts().forEach((rule, count) -> System.out.printf(Locale.ROOT, "  %s: %,d%n", rule, count));
        report.problems().forEach(p -> System.out.println("  " + p));
        report.warningCounts().forEach((rule, count) -> System.out.printf(Locale.ROOT, "  warning %s: %,d%n", rule, count));
        report.warnings().forEach(p -> System.out.println("  warning " + p));
    }

    private void generate(Path path, int voters) throws IOException {
        record Input(List<SyntheticRegister.Settlement> settlements, List<String> origins, RegisterReference.Reference ref) {
        }
        Input input = transactions.execute(tx -> {
            RegisterReference.Reference ref = reference.current();
            var settlements = jdbc.sql("SELECT region, name FROM register_settlement WHERE map_version_id = ? ORDER BY region, name")
                    .param(ref.mapVersionId()).query((rs, i) -> new SyntheticRegister.Settlement(rs.getString(1), rs.getString(2))).list();
            return new Input(settlements, settlements.stream().limit(3).map(SyntheticRegister.Settlement::name).toList(), ref);
        });
        long start = System.nanoTime();
        try (var out = Files.newOutputStream(path)) {
            SyntheticRegister.write(out, voters, input.settlements(), input.origins(), input.ref().ageReferenceDay(), 20240207L);
        }
        System.out.printf(Locale.ROOT, "generated %,d voters (%,d MiB) in %.1f s: %s%n", voters, Files.size(path) / (1024 * 1024),
                (System.nanoTime() - start) / 1e9, path);
    }

    /** COPY of the same file into a fresh table LIKE voter (columns, generated columns, CHECKs, indexes). */
    private Duration rawCopy(Path path) throws Exception {
        jdbc.sql("DROP TABLE IF EXISTS bench_raw_voter").update();
        jdbc.sql("CREATE TABLE bench_raw_voter (LIKE voter INCLUDING ALL)").update();
        jdbc.sql("CHECKPOINT").update();
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection(); InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench_raw_voter (" + String.join(", ", RegisterCsv.COLUMNS)
                    + ") FROM STDIN (FORMAT csv, HEADER true)", in);
        }
        Duration time = Duration.ofNanos(System.nanoTime() - start);
        jdbc.sql("DROP TABLE bench_raw_voter").update();
        return time;
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getPeakUsage).mapToLong(u -> u.getUsed()).sum();
    }
}
