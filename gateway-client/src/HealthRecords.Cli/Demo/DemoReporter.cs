using HealthRecords.Cli.Internal;
using HealthRecords.Client;
using Spectre.Console;

namespace HealthRecords.Cli.Demo;

/// <summary>Runs the demo's steps one by one, prints each as it happens, and keeps the results for the summary.</summary>
internal sealed class DemoReporter(CliOutput output, int totalSteps)
{
    private readonly List<DemoStepResult> _results = [];

    public IReadOnlyList<DemoStepResult> Results => _results;

    /// <summary>A detail line under the current step.</summary>
    public void Detail(string text) => output.Line("      " + text);

    /// <summary>Runs a step that must succeed.</summary>
    public async Task<bool> AllowedAsync(string title, Func<Task<string>> body)
    {
        Begin(title);
        try
        {
            var outcome = await body().ConfigureAwait(false);
            return End(title, "allowed", "allowed", ok: true, outcome);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return End(title, "allowed", Describe(e), ok: false, null);
        }
    }

    /// <summary>
    /// Runs a step the chaincode must refuse: FORBIDDEN with its reason, or NOT_FOUND for a caller without standing
    /// towards the patient, who is answered as for a missing id (docs/security.md, "No existence oracle").
    /// </summary>
    public async Task<bool> RefusedAsync(string title, Func<Task> body)
    {
        Begin(title);
        try
        {
            await body().ConfigureAwait(false);
            return End(title, "refused", "allowed (it should have been refused)", ok: false, null);
        }
        catch (HealthRecordsException e) when (e.Code == HealthRecordsErrorCode.Forbidden)
        {
            Detail($"FORBIDDEN: {e.ChaincodeMessage}");
            return End(title, "refused", $"refused ({e.Reason ?? "forbidden"})", ok: true, null);
        }
        catch (HealthRecordsException e) when (e.Code == HealthRecordsErrorCode.NotFound)
        {
            Detail($"NOT_FOUND: {e.ChaincodeMessage}");
            return End(title, "refused", "refused (not-visible)", ok: true, null);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return End(title, "refused", Describe(e), ok: false, null);
        }
    }

    private void Begin(string title)
    {
        output.Line(string.Empty);
        output.Markup($"[bold]Step {_results.Count + 1}/{totalSteps}[/]: {Markup.Escape(title)}");
    }

    private bool End(string title, string expected, string outcome, bool ok, string? summary)
    {
        _results.Add(new DemoStepResult(_results.Count + 1, title, expected, outcome, ok));
        if (summary is not null)
        {
            Detail(summary);
        }

        output.Markup(ok
            ? $"      [green]OK[/] {Markup.Escape(outcome)}{(expected == "refused" ? " as expected" : string.Empty)}"
            : $"      [red]UNEXPECTED[/] expected {expected}, got {Markup.Escape(outcome)}");
        return ok;
    }

    private static string Describe(Exception e) => e switch
    {
        HealthRecordsException refused => $"{refused.WireCode} ({refused.Reason ?? refused.ChaincodeMessage})",
        _ => $"failed: {e.GetType().Name}: {e.Message}",
    };
}
