package dev.lamina.cli;

import dev.lamina.cli.bench.Workload;
import dev.lamina.cli.bench.WorkloadBenchmark;
import dev.lamina.cli.bench.Workloads;
import dev.lamina.kernels.Kernels;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Entry point of the {@code lamina} command: parses the subcommand and runs it. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out, System.err);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("lamina: " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }

    /** Runs one command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(USAGE);
            return 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (dev.lamina.saving.ModelFileCommands.commands().contains(args[0])) {
            boolean terminal = System.console() != null && System.console().isTerminal();
            return new dev.lamina.saving.ModelFileCommands(out, err, terminal).run(args);
        }
        return switch (args[0]) {
            case "bench" -> bench(rest, out);
            case "demo" -> demo(rest, out);
            case "plot" -> plot(rest, out);
            default -> {
                err.println("lamina: unknown command '" + args[0] + "'.");
                err.print(USAGE);
                yield 2;
            }
        };
    }

    private static int demo(String[] args, PrintStream out) {
        List<String> names = new ArrayList<>();
        java.nio.file.Path dir = java.nio.file.Path.of("demo-out");
        int verbose = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> dir = java.nio.file.Path.of(args[++i]);
                case "--verbose" -> verbose = Integer.parseInt(args[++i]);
                default -> names.add(args[i]);
            }
        }
        out.println("Lamina demo: the chapter's models, trained on generated data with a learnable signal.");
        out.println("Models, checkpoints and TensorBoard logs go to " + dir.toAbsolutePath());
        dev.lamina.examples.Examples.demo(names, dir, verbose, out);
        return 0;
    }

    private static int plot(String[] args, PrintStream out) {
        if (args.length < 2) {
            throw new IllegalArgumentException("plot: usage: lamina plot MODEL OUT.svg [--expand-nested] [--lr]");
        }
        var options = dev.lamina.visualization.PlotOptions.defaults();
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--expand-nested" -> options = options.expandNested(true);
                case "--lr" -> options = options.rankdir("LR");
                case "--activations" -> options = options.showLayerActivations(true);
                default -> throw new IllegalArgumentException("plot: unknown option " + args[i]);
            }
        }
        var model = dev.lamina.models.Model.load(java.nio.file.Path.of(args[0]));
        try {
            dev.lamina.visualization.ModelPlot.write(model, java.nio.file.Path.of(args[1]), options);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("plot: cannot write " + args[1] + ": " + e.getMessage(), e);
        }
        out.println("Wrote " + args[1]);
        return 0;
    }

    private static int bench(String[] args, PrintStream out) {
        List<String> ids = new ArrayList<>();
        double warmup = 3;
        double window = 2;
        int windows = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--window" -> window = Double.parseDouble(args[++i]);
                case "--windows" -> windows = Integer.parseInt(args[++i]);
                default -> ids.add(args[i].toUpperCase(Locale.ROOT));
            }
        }
        out.println("# kernels: " + Kernels.describe() + ", Java " + Runtime.version());
        if (ids.contains("GEMM")) {
            dev.lamina.kernels.GemmBenchmark.run(out);
            return 0;
        }
        if (ids.contains("CONV")) {
            dev.lamina.kernels.ConvBenchmark.run(out);
            return 0;
        }
        Map<String, Workload> all = Workloads.all();
        if (ids.isEmpty()) {
            ids.addAll(all.keySet());
        }
        WorkloadBenchmark bench = new WorkloadBenchmark(warmup, window, windows);
        for (String id : ids) {
            Workload w = all.get(id);
            if (w == null) {
                throw new IllegalArgumentException("bench: unknown workload '" + id + "'. Known: " + all.keySet() + " and gemm, conv");
            }
            bench.run(w, out);
        }
        return 0;
    }

    static final String USAGE = """
            Usage: lamina <command> [options]

              demo [NAME...] [--out DIR] [--verbose 0|1|2]
                                   train the chapter's models end to end (all, or by name)
              bench [W1..W8|gemm|conv]
                                   workload benchmark (samples/s, GFLOP/s), or sgemm / conv GFLOP/s
                                   options: --warmup S --window S --windows N
              summary MODEL        print the model's summary (MODEL: .keras or legacy .h5)
              predict MODEL --input IN.npz --output OUT.npz [--batch-size N]
              fit MODEL --x X.npz --y Y.npz --epochs N --batch-size B [--no-shuffle]
                  [--validation-split F] [--save OUT.keras] [--history H.json] [--tensorboard DIR]
              convert IN.h5 OUT.keras
              plot MODEL OUT.svg [--expand-nested] [--lr] [--activations]
                                   draw the model graph as SVG
              test                 run the test suite (launcher only)
              help                 this text
            """;
}
