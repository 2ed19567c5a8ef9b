namespace Benchmarks;

/// <summary>
/// Lets a run of some suites (<c>--suite</c>) rewrite only their own <c>##</c> sections of
/// docs/benchmarks.md, keeping the others from the run that wrote them.
/// </summary>
public static class SectionMerge
{
    private const string FirstHourStart = "<!-- first-hour:start -->";

    /// <summary>
    /// The fresh document's header, then the previous sections in their order with any the fresh run
    /// also wrote replaced, then fresh sections the previous file lacked. The first-hour block is left
    /// out (the harness appends it itself).
    /// </summary>
    public static string KeepOtherSections(string previous, string fresh)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(fresh);
        var (header, freshSections) = Split(fresh);
        var (_, oldSections) = Split(previous);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new System.Text.StringBuilder(header);
        var rewritten = string.Join(", ", freshSections.Select(s => "\"" + s.Heading[3..] + "\""));
        result.Append("This run measured only ").Append(rewritten)
            .Append(": the machine and load above are that run's, and every other section keeps the figures (and conditions) of the earlier run that wrote it.\n\n");
        foreach (var (heading, text) in oldSections)
        {
            var replacement = freshSections.FirstOrDefault(s => s.Heading == heading);
            result.Append(replacement.Text ?? text);
            used.Add(heading);
        }

        foreach (var (heading, text) in freshSections.Where(s => !used.Contains(s.Heading)))
        {
            result.Append(text);
        }

        return result.ToString();
    }

    private static (string Header, List<(string Heading, string Text)> Sections) Split(string document)
    {
        var cut = document.IndexOf(FirstHourStart, StringComparison.Ordinal);
        var lines = (cut >= 0 ? document[..cut] : document).Split('\n');
        var header = new System.Text.StringBuilder();
        var sections = new List<(string Heading, string Text)>();
        System.Text.StringBuilder? current = null;
        var heading = string.Empty;
        foreach (var line in lines)
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    sections.Add((heading, current.ToString().TrimEnd() + "\n\n"));
                }

                current = new System.Text.StringBuilder();
                heading = line.TrimEnd();
            }

            (current ?? header).Append(line).Append('\n');
        }

        if (current is not null)
        {
            sections.Add((heading, current.ToString().TrimEnd() + "\n\n"));
        }

        return (header.ToString().TrimEnd() + "\n\n", sections);
    }
}
