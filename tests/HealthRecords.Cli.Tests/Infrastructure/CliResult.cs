using System.Text.Json;

namespace HealthRecords.Cli.Tests.Infrastructure;

/// <summary>What one in-process <c>hrec</c> run produced.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>Standard output parsed as the command's JSON document (<c>--json</c>).</summary>
    public JsonElement Json()
    {
        try
        {
            using var document = JsonDocument.Parse(Output);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"stdout is not JSON ({e.Message}): {Output}\nstderr: {Error}", e);
        }
    }

    /// <summary>Standard error parsed as the <c>--json</c> error object's <c>error</c> member.</summary>
    public JsonElement ErrorJson()
    {
        using var document = JsonDocument.Parse(Error);
        return document.RootElement.GetProperty("error").Clone();
    }

    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
