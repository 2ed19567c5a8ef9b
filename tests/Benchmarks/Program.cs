using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Benchmarks;
using TestSupport;

// dotnet run -c Release --project tests/Benchmarks -- --output docs/benchmarks.md [--suite name]... [--seconds n] [--warmup n]
// With --suite, only those suites run and only their sections of the existing file are replaced.
if (args is ["--client-load", .. var childArgs])
{
    return await Benchmarks.Suites.GatewayClientLoad.RunAsync(childArgs);
}

if (args.Length == 4 && args[0] == Benchmarks.Suites.Internal.ShimChaincodeHost.Command)
{
    // The chaincode CPU suite starts this executable again to serve a C# chaincode in its own process.
    return await Benchmarks.Suites.Internal.ShimChaincodeHost.RunAsync(args[1], args[2], args[3]);
}

var output = "docs/benchmarks.md";
var seconds = 3.0;
var warmup = 0.5;
var selected = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--output" when i + 1 < args.Length:
            output = args[++i];
            break;
        case "--suite" when i + 1 < args.Length:
            selected.Add(args[++i]);
            break;
        case "--seconds" when i + 1 < args.Length:
            seconds = double.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--warmup" when i + 1 < args.Length:
            warmup = double.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: --output <file.md> [--suite <name>]... [--seconds <n>] [--warmup <n>]");
            Console.Error.WriteLine("Suites: " + string.Join(", ", BenchmarkRegistry.Suites.Select(s => s.Name)));
            return 2;
    }
}

var unknown = selected.Where(name => BenchmarkRegistry.Suites.All(s => s.Name != name)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown suite(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", BenchmarkRegistry.Suites.Select(s => s.Name))}");
    return 2;
}

var suites = BenchmarkRegistry.Suites.Where(s => selected.Count == 0 || selected.Contains(s.Name)).ToList();
var context = new BenchmarkContext(TimeSpan.FromSeconds(seconds), RepositoryPaths.Root, Console.Error) { WarmupTime = TimeSpan.FromSeconds(warmup) };
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var document = new StringBuilder();
document.AppendLine("# Benchmarks").AppendLine();
document.AppendLine(CultureInfo.InvariantCulture, $"Generated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `dotnet run -c Release --project tests/Benchmarks -- --output {output}`.").AppendLine();
document.AppendLine("| machine | |").AppendLine("| --- | --- |");
document.AppendLine(CultureInfo.InvariantCulture, $"| OS | {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture}) |");
document.AppendLine(CultureInfo.InvariantCulture, $"| CPU | {CpuModel()}, {Environment.ProcessorCount} cores |");
document.AppendLine(CultureInfo.InvariantCulture, $"| .NET | {RuntimeInformation.FrameworkDescription} |");
document.AppendLine(CultureInfo.InvariantCulture, $"| measurement | {seconds:0.#} s each, after a {context.WarmupTime.TotalSeconds:0.#} s warm-up |");
var loadAtStart = LoadAverage();
document.AppendLine("| load average (1 min) | {LOAD} |");
document.AppendLine();
document.AppendLine("All numbers come from this one run, on a shared and noisy 2-core machine: other engineers' builds and tests run on the same cores at the same time, so absolute rates move by a factor of two or more between runs. Compare rows and the ratios within a run, not across runs.").AppendLine();

var sections = new List<string>();
foreach (var suite in suites)
{
    context.Progress.WriteLine($"== {suite.Name}");
    sections.Add((await suite.RunAsync(context, cancel.Token)).TrimEnd());
}

var load = $"{loadAtStart} at the start, {LoadAverage()} at the end";
var path = Path.IsPathRooted(output) ? output : Path.Combine(Environment.CurrentDirectory, output);
var existing = File.Exists(path) ? await File.ReadAllTextAsync(path) : null;
var targets = context.Targets.IsEmpty ? null : context.Targets.Render(DateTime.UtcNow, existing is null ? null : SectionMerge.Find(existing, BenchmarkTargets.Heading)).TrimEnd();
if (selected.Count > 0 && existing is not null)
{
    var stamped = sections.Select(section => SectionMerge.Stamp(section, DateTime.UtcNow, seconds, load));
    var merged = SectionMerge.Replace(existing, targets is null ? stamped : stamped.Prepend(targets));
    await File.WriteAllTextAsync(path, merged.TrimEnd() + "\n");
    context.Progress.WriteLine($"updated {string.Join(", ", selected)} in {path}");
    return 0;
}

if (targets is not null)
{
    document.AppendLine(targets).AppendLine();
}

foreach (var section in sections)
{
    document.AppendLine(section).AppendLine();
}

document.Replace("{LOAD}", load);

// The first-hour timings are measured on a fresh clone by eng/first-hour.sh, not here: keep that
// section of the existing file as it is.
const string FirstHourStart = "<!-- first-hour:start -->";
const string FirstHourEnd = "<!-- first-hour:end -->";
if (File.Exists(path) && await File.ReadAllTextAsync(path) is var previous
    && previous.IndexOf(FirstHourStart, StringComparison.Ordinal) is var from and >= 0
    && previous.IndexOf(FirstHourEnd, from, StringComparison.Ordinal) is var to and >= 0)
{
    document.AppendLine(previous[from..(to + FirstHourEnd.Length)]).AppendLine();
}

Directory.CreateDirectory(Path.GetDirectoryName(path)!);
await File.WriteAllTextAsync(path, document.ToString().TrimEnd() + "\n");
context.Progress.WriteLine($"wrote {path}");
return 0;

static string CpuModel()
{
    const string Key = "model name";
    var line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith(Key, StringComparison.Ordinal)) : null;
    return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
