using System.Collections.Concurrent;
using System.Text;

namespace Benchmarks;

/// <summary>
/// The targets, as the suites measured them in this run: each suite records the targets it
/// measures, and the harness writes them as the "Targets" section of docs/benchmarks.md. A run of some
/// suites only keeps the rows of the targets it did not measure from the existing section.
/// </summary>
public sealed class BenchmarkTargets
{
    /// <summary>The section's heading.</summary>
    public const string Heading = "## Targets";

    private readonly ConcurrentDictionary<string, Row> _rows = new(StringComparer.Ordinal);

    /// <summary>Whether any suite recorded a target.</summary>
    public bool IsEmpty => _rows.IsEmpty;

    /// <summary>Records one target's outcome (a later record of the same target replaces it).</summary>
    /// <param name="target">The target, as the issue states it; the row's key.</param>
    /// <param name="met">Whether the measurement meets it.</param>
    /// <param name="measured">The measured value or ratio.</param>
    /// <param name="conditions">Where and how it was measured (suite, load, what shares the cores).</param>
    public void Record(string target, bool met, string measured, string conditions) =>
        _rows[target] = new Row(target, met ? "met" : "**not met**", measured, conditions);

    /// <summary>The section: this run's rows, then the rows of <paramref name="previousSection"/> for targets not measured now.</summary>
    public string Render(DateTime utc, string? previousSection)
    {
        var rows = _rows.Values.ToDictionary(r => r.Target, StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var old in ParseRows(previousSection))
        {
            order.Add(old.Target);
            rows.TryAdd(old.Target, old);
        }

        order.AddRange(_rows.Keys.Where(k => !order.Contains(k)).Order(StringComparer.Ordinal));
        var md = new StringBuilder();
        md.AppendLine(Heading).AppendLine();
        md.AppendLine(FormattableString.Invariant($"The issue's targets (benchmarks, not timed tests), each from the suite section named in its conditions. Rows measured in the run of {utc:yyyy-MM-dd HH:mm} UTC say so; other rows keep the figures of the run that last measured them. The machine is shared: see each section's load average.")).AppendLine();
        md.AppendLine("| target | result | measured | conditions |").AppendLine("| --- | --- | --- | --- |");
        foreach (var key in order)
        {
            var row = rows[key];
            var conditions = _rows.ContainsKey(key) ? FormattableString.Invariant($"{row.Conditions} (run of {utc:yyyy-MM-dd HH:mm} UTC)") : row.Conditions;
            md.AppendLine(FormattableString.Invariant($"| {row.Target} | {row.Result} | {row.Measured} | {conditions} |"));
        }

        return md.ToString();
    }

    private static IEnumerable<Row> ParseRows(string? section)
    {
        if (section is null)
        {
            yield break;
        }

        foreach (var line in section.Split('\n').Skip(1))
        {
            var cells = line.Trim().Trim('|').Split(" | ").Select(c => c.Trim()).ToArray();
            if (line.StartsWith("| ", StringComparison.Ordinal) && cells.Length == 4 && cells[0] != "target" && !cells[0].StartsWith("---", StringComparison.Ordinal))
            {
                yield return new Row(cells[0], cells[1], cells[2], cells[3]);
            }
        }
    }

    private sealed record Row(string Target, string Result, string Measured, string Conditions);
}
