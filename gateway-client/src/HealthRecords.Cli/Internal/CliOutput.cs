using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using HealthRecords.Domain;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HealthRecords.Cli.Internal;

/// <summary>
/// Where a command writes. Human output (lines, tables) goes to standard output through Spectre.Console;
/// with <c>--json</c> only one JSON document per command goes there, so scripts can parse it. Errors
/// always go to standard error (as JSON with <c>--json</c>).
/// </summary>
internal sealed class CliOutput
{
    private static readonly JsonSerializerOptions JsonOptions = CreateJsonOptions(indented: true);
    private static readonly JsonSerializerOptions CompactOptions = CreateJsonOptions(indented: false);
    private readonly TextWriter _out;
    private readonly TextWriter _error;

    public CliOutput(TextWriter output, TextWriter error, bool json)
    {
        _out = output;
        _error = error;
        Json = json;
        var interactive = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        Interactive = interactive;
        if (!interactive)
        {
            // Piped, redirected or captured output is for scripts and files: lines are written as they
            // are (never wrapped), and tables get room for their widest row instead of the 80-column
            // fallback, so no cell (ids, hashes, reasons) is broken in the middle of a word.
            Console.Profile.Width = RedirectedWidth;
        }
    }

    /// <summary>The width tables may take when the output is not a terminal.</summary>
    internal const int RedirectedWidth = 4096;

    /// <summary>Whether standard output is a terminal (tables fit and lines wrap to its width) rather than a pipe or file.</summary>
    public bool Interactive { get; }

    /// <summary>Whether <c>--json</c> was given.</summary>
    public bool Json { get; }

    /// <summary>The Spectre console over standard output (human mode only).</summary>
    public IAnsiConsole Console { get; }

    /// <summary>The JSON options of <c>--json</c> output: the domain's names and timestamps, indented.</summary>
    public static JsonSerializerOptions SerializerOptions => JsonOptions;

    /// <summary>A plain line in human mode (nothing with <c>--json</c>).</summary>
    public void Line(string text)
    {
        if (Json)
        {
            return;
        }

        if (Interactive)
        {
            Console.Write(new Text(text + Environment.NewLine));
        }
        else
        {
            _out.WriteLine(text);
        }
    }

    /// <summary>A line with Spectre markup in human mode (callers escape untrusted parts with <see cref="Markup.Escape"/>).</summary>
    public void Markup(string markup)
    {
        if (Json)
        {
            return;
        }

        if (Interactive)
        {
            Console.MarkupLine(markup);
        }
        else
        {
            _out.WriteLine(Spectre.Console.Markup.Remove(markup));
        }
    }

    /// <summary>A table or other renderable in human mode.</summary>
    public void Render(IRenderable renderable)
    {
        if (!Json)
        {
            Console.Write(renderable);
        }
    }

    /// <summary>A key/value grid in human mode.</summary>
    public void Fields(params (string Name, object? Value)[] fields)
    {
        if (Json)
        {
            return;
        }

        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        foreach (var (name, value) in fields)
        {
            grid.AddRow(new Text(name + ":"), new Text(Format(value)));
        }

        Console.Write(grid);
    }

    /// <summary>The command's JSON document (only with <c>--json</c>).</summary>
    public void Result<T>(T value)
    {
        if (Json)
        {
            _out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));
            _out.Flush();
        }
    }

    /// <summary>One compact JSON object on its own line (streams such as <c>events follow</c>; only with <c>--json</c>).</summary>
    public void JsonLine<T>(T value)
    {
        if (Json)
        {
            _out.WriteLine(JsonSerializer.Serialize(value, CompactOptions));
            _out.Flush();
        }
    }

    /// <summary>Writes an error to standard error: one JSON object with <c>--json</c>, else <c>error: message</c>.</summary>
    public void Error(int exitCode, string code, string message, string? reason = null, string? hint = null)
    {
        if (Json)
        {
            var error = new JsonObject
            {
                ["exitCode"] = exitCode,
                ["code"] = code,
                ["reason"] = reason,
                ["message"] = message,
            };
            _error.WriteLine(new JsonObject { ["error"] = error }.ToJsonString(JsonOptions));
        }
        else
        {
            _error.WriteLine($"error: {message}");
            if (hint is not null)
            {
                _error.WriteLine($"hint: {hint}");
            }
        }

        _error.Flush();
    }

    /// <summary>A one-line rendering of a value for human output.</summary>
    public static string Format(object? value) => value switch
    {
        null => "-",
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        IEnumerable<string> items => string.Join(", ", items),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "-",
    };

    private static JsonSerializerOptions CreateJsonOptions(bool indented)
    {
        var options = new JsonSerializerOptions(HealthRecordsJson.Options)
        {
            WriteIndented = indented,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
