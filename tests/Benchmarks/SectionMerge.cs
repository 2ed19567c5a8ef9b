using System.Globalization;

namespace Benchmarks;

/// <summary>
/// A run of some suites only (<c>--suite</c>) updates their sections of an existing benchmarks file and
/// leaves the others as the last full run wrote them. A section is a <c>## </c> heading and everything up to
/// the next one (or the first-hour block).
/// </summary>
public static class SectionMerge
{
    private const string FirstHourStart = "<!-- first-hour:start -->";

    /// <summary>Adds a line saying the section was measured on its own, when, for how long and under what load.</summary>
    public static string Stamp(string section, DateTime utc, double seconds, string load)
    {
        var heading = section.IndexOf('\n', StringComparison.Ordinal);
        var stamp = string.Create(CultureInfo.InvariantCulture, $"_Measured on its own at {utc:yyyy-MM-dd HH:mm} UTC ({seconds:0.#} s windows; load average {load}); the machine's other numbers below and above come from the last full run._");
        return heading < 0 ? section + "\n\n" + stamp : section[..heading] + "\n\n" + stamp + section[heading..];
    }

    /// <summary>Replaces each section whose heading is already in <paramref name="document"/>; inserts the others before the first section.</summary>
    public static string Replace(string document, IEnumerable<string> sections)
    {
        foreach (var section in sections)
        {
            var heading = section.Split('\n', 2)[0].TrimEnd();
            var from = document.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
            if (from < 0)
            {
                var first = document.IndexOf("\n## ", StringComparison.Ordinal);
                var at = first < 0 ? document.Length : first + 1;
                document = document[..at] + section + "\n\n" + document[at..];
                continue;
            }

            from++;
            var to = NextSection(document, from + heading.Length);
            document = document[..from] + section + "\n\n" + document[to..];
        }

        return document;
    }

    /// <summary>The section with <paramref name="heading"/> in <paramref name="document"/>, or null.</summary>
    public static string? Find(string document, string heading)
    {
        var from = document.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        return from < 0 ? null : document[(from + 1)..NextSection(document, from + 1 + heading.Length)].TrimEnd();
    }

    private static int NextSection(string document, int after)
    {
        var next = document.IndexOf("\n## ", after, StringComparison.Ordinal);
        var firstHour = document.IndexOf(FirstHourStart, after, StringComparison.Ordinal);
        var candidates = new[] { next < 0 ? -1 : next + 1, firstHour }.Where(i => i >= 0).ToList();
        return candidates.Count == 0 ? document.Length : candidates.Min();
    }
}
