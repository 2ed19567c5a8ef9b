using System.Globalization;
using System.Text;

namespace HealthRecords.Cli.Tests.DocCommands;

/// <summary>
/// One bash script that runs documentation commands in order, in one shell (so <c>export</c>, variables
/// and <c>cd</c> carry over as they do for a reader typing them), and stops at the first command whose
/// exit code is not the one the documentation expects.
/// </summary>
public static class DocCommandScript
{
    /// <summary>The exit code of the script when a command exited with an unexpected code.</summary>
    public const int UnexpectedExit = 99;

    /// <summary>The line the script writes to standard error before <see cref="UnexpectedExit"/>.</summary>
    public const string FailurePrefix = "doc-commands: FAILED ";

    /// <summary>The script's text.</summary>
    public static string Build(IEnumerable<DocCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var script = new StringBuilder();
        script.Append("set -u -o pipefail\n");
        foreach (var command in commands)
        {
            var shown = Quote(command.ToString());
            script.Append(CultureInfo.InvariantCulture, $"printf '\\n$ %s\\n' {shown}\n");
            script.Append(command.Text).Append('\n');
            script.Append(CultureInfo.InvariantCulture, $"__rc=$?; if [ \"$__rc\" -ne {command.ExpectedExitCode} ]; then ")
                .Append(CultureInfo.InvariantCulture, $"printf '{FailurePrefix}%s: exit %s, expected {command.ExpectedExitCode}\\n' {shown} \"$__rc\" >&2; exit {UnexpectedExit}; fi\n");
        }

        script.Append("echo 'doc-commands: all passed'\n");
        return script.ToString();
    }

    /// <summary>A bash single-quoted literal.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
