using Observatory.Core.Engines;
using Observatory.Core.Environment;
using Observatory.Core.Runs;

namespace Observatory.Reports.Synthetic;

/// <summary>
/// A generated nightly history for load-testing the report: N runs, one a night, each with every
/// engine on every workload variant and a few samples per cell. Seeded, so the same options give
/// the same store. Engines have a speed class (native, JIT, baseline, interpreter), nights have
/// 1–3% noise, a few series step up or down for good (change points to find), a machine change
/// and runtime upgrades give environment and version markers, and a few cells fail. Every run is
/// marked <see cref="RunInfo.Synthetic"/>; the ids and labels say so too.
/// </summary>
public sealed class SyntheticHistory(SyntheticOptions options)
{
    private static readonly string[] Categories = ["compute", "serverless", "analytics", "llm"];
    private static readonly string[] Families = ["wasmtime", "wasmer", "wamr", "wasmedge", "wazero", "node", "bun", "deno", "chromium", "wasm3", "wasmi", "wasm2c"];
    private static readonly (string Tier, double Slowdown)[] Tiers = [("jit", 1.3), ("baseline", 2.5), ("aot", 1.15), ("interp", 25)];

    public IEnumerable<RunInfo> Runs()
    {
        var rng = new Random(options.Seed);
        var engines = Engines(rng);
        var workloads = Workloads(rng);
        // Per series: a permanent step at a random night (about one series in six), or none.
        var steps = new Dictionary<(int, int), (int Night, double Factor)>();
        for (var e = 1; e < engines.Count; e++)
            for (var w = 0; w < workloads.Count; w++)
                if (rng.NextDouble() < 1.0 / 6) steps[(e, w)] = (rng.Next(options.Runs), rng.NextDouble() < 0.5 ? 0.8 : 1.3);
        var failing = new HashSet<(int, int)>();
        for (var e = 1; e < engines.Count; e++)
            for (var w = 0; w < workloads.Count; w++)
                if (rng.NextDouble() < 0.02) failing.Add((e, w));
        var machines = new[] { Machine("a"), Machine("b") };
        var start = options.FirstNight;
        for (var night = 0; night < options.Runs; night++)
        {
            // A new machine for the last third of the history: environment markers on every trend page.
            var fingerprint = machines[night < options.Runs * 2 / 3 ? 0 : 1];
            // Runtimes upgrade every 90 nights: versions change over time on the engine pages.
            var release = night / 90;
            yield return Night(rng, night, start.AddDays(night), fingerprint, release, engines, workloads, steps, failing);
        }
    }

    private RunInfo Night(Random rng, int night, DateTimeOffset started, Fingerprint fingerprint, int release,
        List<(string Family, string Tier, double Slowdown)> engines, List<(string Name, string Variant, string Category, double NativeNs)> workloads,
        Dictionary<(int, int), (int Night, double Factor)> steps, HashSet<(int, int)> failing)
    {
        var samples = new List<Sample>(engines.Count * workloads.Count * options.Samples);
        var cells = new List<Cell>(engines.Count * workloads.Count);
        var ids = engines.Select((e, i) => i == 0 ? "native" : $"{e.Family}-synth.{release}/{e.Tier}").ToList();
        for (var w = 0; w < workloads.Count; w++)
        {
            var wl = workloads[w];
            double? nativeMedian = null;
            for (var e = 0; e < engines.Count; e++)
            {
                if (failing.Contains((e, w)) && night % 7 != 0)
                {
                    cells.Add(new Cell { Workload = wl.Name, Variant = wl.Variant, Engine = ids[e], Outcome = Outcome.Trap, Samples = options.Samples, Message = "synthetic trap: unreachable executed" });
                    for (var s = 0; s < options.Samples; s++)
                        samples.Add(new Sample { Workload = wl.Name, Variant = wl.Variant, Engine = ids[e], Process = s, Iteration = 0, Outcome = Outcome.Trap, Message = "synthetic trap: unreachable executed", ExitCode = 134 });
                    continue;
                }
                var level = wl.NativeNs * engines[e].Slowdown * (steps.TryGetValue((e, w), out var step) && night >= step.Night ? step.Factor : 1);
                var values = new long[options.Samples];
                for (var s = 0; s < options.Samples; s++)
                {
                    values[s] = (long)(level * (1 + 0.02 * Gaussian(rng)));
                    var compile = e == 0 ? (long?)null : (long)(wl.NativeNs * 0.05 * engines[e].Slowdown);
                    samples.Add(new Sample
                    {
                        Workload = wl.Name, Variant = wl.Variant, Engine = ids[e], Process = s, Iteration = 0, Outcome = Outcome.Ok,
                        CompileNs = compile, InstantiateNs = e == 0 ? null : 20_000, ExecuteNs = values[s] + 50_000, RegionNs = values[s],
                        TotalNs = values[s] + 50_000 + (compile ?? 0) + 2_000_000, PeakRssKb = 2_000 + 500 * e, ExitCode = 0, StdoutSha256 = "5y",
                        CpuNs = values[s], Round = s,
                    });
                }
                Array.Sort(values);
                double median = values[values.Length / 2];
                nativeMedian ??= median;
                cells.Add(new Cell
                {
                    Workload = wl.Name, Variant = wl.Variant, Engine = ids[e], Outcome = Outcome.Ok, Samples = options.Samples, Processes = options.Samples,
                    MedianNs = median, CiLowNs = values[0], CiHighNs = values[^1],
                    RatioToNative = median / nativeMedian, RatioCiLow = values[0] / nativeMedian, RatioCiHigh = values[^1] / nativeMedian,
                    MedianCompileNs = e == 0 ? null : wl.NativeNs * 0.05 * engines[e].Slowdown, MedianInstantiateNs = e == 0 ? null : 20_000,
                    MedianCpuNs = median, StopReason = "fixed", CiTargetMet = true, MedianPeakRssKb = 2_000 + 500 * e, MaxPeakRssKb = 2_000 + 500 * e,
                });
            }
        }
        var day = started.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return new RunInfo
        {
            RunId = $"synthetic-{day}", Label = $"synthetic {day}", Profile = "synthetic", Synthetic = true,
            StartedUtc = started, FinishedUtc = started.AddHours(2), Fingerprint = fingerprint, ObservatoryVersion = "synthetic",
            Engines = engines.Select((e, i) => new EngineDescriptor { Id = ids[i], Family = e.Family, Version = i == 0 ? "clang-synth" : $"synth.{release}", Tier = e.Tier, IsNative = i == 0 }).ToList(),
            Workloads = workloads.Select(w => new WorkloadInfo { Name = w.Name, Variant = w.Variant, Category = w.Category, Language = "c", WasmSha256 = new string('5', 64), WasmBytes = 10_000 }).ToList(),
            Samples = samples, Cells = cells,
        };
    }

    /// <summary>Native first, then families × tiers in a fixed order until there are enough engines.</summary>
    private List<(string Family, string Tier, double Slowdown)> Engines(Random rng)
    {
        var list = new List<(string, string, double)> { ("native", "aot", 1.0) };
        for (var i = 0; list.Count < options.Engines; i++)
        {
            var family = Families[i % Families.Length];
            var (tier, slowdown) = Tiers[i / Families.Length % Tiers.Length];
            var round = i / (Families.Length * Tiers.Length);
            list.Add((family, round == 0 ? tier : $"{tier}{round + 1}", slowdown * (0.8 + 0.4 * rng.NextDouble())));
        }
        return list;
    }

    /// <summary>Workloads in four families, two optimisation levels each, native times spread over four decades.</summary>
    private List<(string, string, string, double)> Workloads(Random rng)
    {
        var list = new List<(string, string, string, double)>();
        for (var i = 0; list.Count < options.Variants; i++)
        {
            var ns = Math.Pow(10, 4 + 4 * rng.NextDouble());
            list.Add(($"synth{i / 2:00}", i % 2 == 0 ? "O2" : "O3", Categories[i / 2 % Categories.Length], ns));
        }
        return list;
    }

    private static Fingerprint Machine(string name) => new()
    {
        Id = $"synthetic-machine-{name}", Hostname = $"synthetic-{name}", CpuModel = "Synthetic CPU (generated, not measured)", CpuFlags = [],
        LogicalCores = 2, MemoryKb = 8_000_000, Kernel = "synthetic", Arch = "x86_64", Os = "synthetic", Virtualization = "none",
    };

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}

/// <summary>The shape of a synthetic history: runs (nights) × engines (native included) × workload variants × samples per cell.</summary>
public sealed record SyntheticOptions(int Runs = 365, int Engines = 30, int Variants = 40, int Samples = 3, int Seed = 11)
{
    public DateTimeOffset FirstNight { get; init; } = new(2025, 1, 1, 2, 0, 0, TimeSpan.Zero);

    public long TotalSamples => (long)Runs * Engines * Variants * Samples;
}
