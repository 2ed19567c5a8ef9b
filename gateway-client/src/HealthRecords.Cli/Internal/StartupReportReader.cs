using System.Text;
using System.Text.Json;

namespace HealthRecords.Cli.Internal;

/// <summary>
/// Reads what a background <c>hrec --json network up</c> prints: its start-up report (one indented JSON
/// document on standard output, written once the network serves and its pid file exists), or the JSON
/// error it writes to standard error when it cannot start.
/// </summary>
internal sealed class StartupReportReader
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly TaskCompletionSource<JsonElement> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the report once a whole JSON document with <c>up: true</c> has been read.</summary>
    public Task<JsonElement> Ready => _ready.Task;

    /// <summary>One line of the child's standard output (null at its end).</summary>
    public void OnOutput(string? line)
    {
        if (line is null || _ready.Task.IsCompleted)
        {
            return;
        }

        string text;
        lock (_gate)
        {
            _output.AppendLine(line);
            text = _output.ToString();
        }

        // An indented document ends with a closing brace at the start of a line.
        if (!line.StartsWith('}'))
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("up", out var up) && up.ValueKind == JsonValueKind.True)
            {
                _ready.TrySetResult(document.RootElement.Clone());
            }
        }
        catch (JsonException)
        {
            // not a whole document yet
        }
    }

    /// <summary>One line of the child's standard error (null at its end).</summary>
    public void OnError(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _error.AppendLine(line);
        }
    }

    /// <summary>The error to report when the child exited with <paramref name="exitCode"/> before it was ready.</summary>
    public CliException StartFailure(int exitCode, string logFile)
    {
        string error;
        lock (_gate)
        {
            error = _error.ToString().Trim();
        }

        var code = "START_FAILED";
        var message = error.Length > 0 ? error : "no error output";
        try
        {
            using var document = JsonDocument.Parse(error);
            var details = document.RootElement.GetProperty("error");
            code = details.GetProperty("code").GetString() ?? code;
            message = details.GetProperty("message").GetString() ?? message;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // not the CLI's JSON error (a crash): report the text as it is
        }

        var exit = exitCode is > 0 and <= ExitCodes.Failed ? exitCode : ExitCodes.Failed;
        return new CliException(exit, code, $"the background network exited with {exitCode} before it was ready: {message}", $"see {logFile}");
    }
}
