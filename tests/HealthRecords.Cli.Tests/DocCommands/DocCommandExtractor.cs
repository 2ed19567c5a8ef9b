using System.Globalization;
using System.Text.RegularExpressions;

namespace HealthRecords.Cli.Tests.DocCommands;

/// <summary>
/// Finds the shell commands of a Markdown document, in order. The convention (docs/cli.md, "Commands in
/// these docs are tested"):
/// <list type="bullet">
/// <item>every fenced block whose info string is <c>bash</c>, <c>sh</c> or <c>shell</c> is run, one line one
/// command (a line ending in <c>\</c> continues on the next); blank and comment-only lines are skipped;</item>
/// <item>a command must exit 0, unless its trailing comment says <c>exit N</c> (<c># refused: exit 2</c>);</item>
/// <item>a block right after <c>&lt;!-- doc-commands: skip (why) --&gt;</c> is not run (Docker, or the
/// commands that run this very test).</item>
/// </list>
/// </summary>
public static partial class DocCommandExtractor
{
    /// <summary>The marker that keeps the next block out of the run.</summary>
    public const string SkipMarker = "<!-- doc-commands: skip";

    private static readonly string[] ShellLanguages = ["bash", "sh", "shell"];

    /// <summary>The commands of <paramref name="markdown"/>, named after <paramref name="file"/>.</summary>
    public static IReadOnlyList<DocCommand> Extract(string file, string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var commands = new List<DocCommand>();
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = FenceOf(lines[i]);
            if (fence is null)
            {
                continue;
            }

            var language = lines[i].Trim()[fence.Length..].Trim().Split(' ', 2)[0];
            var end = i + 1;
            while (end < lines.Length && !lines[end].Trim().StartsWith(fence, StringComparison.Ordinal))
            {
                end++;
            }

            if (ShellLanguages.Contains(language, StringComparer.OrdinalIgnoreCase) && !SkippedByMarker(lines, i))
            {
                ReadBlock(file, lines, i + 1, end, commands);
            }

            i = end;
        }

        return commands;
    }

    /// <summary>The comment part of a command line (after an unquoted <c>#</c> that starts a word), or null.</summary>
    public static string? TrailingComment(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var quote = '\0';
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else if (c == '\\' && quote == '"')
                {
                    i++;
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '\\')
            {
                i++;
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(command[i - 1])))
            {
                return command[(i + 1)..].Trim();
            }
        }

        return null;
    }

    private static void ReadBlock(string file, string[] lines, int start, int end, List<DocCommand> commands)
    {
        for (var i = start; i < end; i++)
        {
            var first = i;
            var text = lines[i].Trim();
            while (text.EndsWith('\\') && i + 1 < end)
            {
                i++;
                text = text[..^1].TrimEnd() + " " + lines[i].Trim();
            }

            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var comment = TrailingComment(text);
            var expected = comment is not null && ExitPattern().Match(comment) is { Success: true } match
                ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
                : 0;
            commands.Add(new DocCommand(file, first + 1, text, expected));
        }
    }

    private static bool SkippedByMarker(string[] lines, int fenceLine)
    {
        for (var i = fenceLine - 1; i >= 0; i--)
        {
            var line = lines[i].Trim();
            if (line.Length > 0)
            {
                return line.StartsWith(SkipMarker, StringComparison.Ordinal);
            }
        }

        return false;
    }

    private static string? FenceOf(string line)
    {
        var trimmed = line.TrimStart();
        foreach (var fence in new[] { "```", "~~~" })
        {
            if (trimmed.StartsWith(fence, StringComparison.Ordinal))
            {
                var length = trimmed.TakeWhile(c => c == fence[0]).Count();
                return new string(fence[0], length);
            }
        }

        return null;
    }

    [GeneratedRegex(@"\bexit (\d+)\b")]
    private static partial Regex ExitPattern();
}
