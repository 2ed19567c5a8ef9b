using System.CommandLine;
using HealthRecords.Cli.Internal;
using HealthRecords.Domain.Contracts;
using Spectre.Console;

namespace HealthRecords.Cli.Commands;

/// <summary><c>hrec access log|emergency</c>.</summary>
internal static class AccessCommands
{
    public static Command Create(CommandFactory factory)
    {
        var command = new Command("access", "The patient's access log, and break-glass emergency access");

        var log = new Command("log", "Who read the patient's records, when, why, and under which consent; break-glass entries are flagged (patient, delegate, auditor)");
        var logPatient = CommandFactory.PatientOption();
        log.Options.Add(logPatient);
        factory.Handle(log, async (parse, context, ct) =>
        {
            var patientId = context.PatientId(parse.GetValue(logPatient));
            var entries = await ReadLogAsync(context, patientId, null, ct).ConfigureAwait(false);
            context.Output.Result(new { patientId, entries });
            AccessLogView.Render(context.Output, entries, KnownIdentities(context));
            return ExitCodes.Success;
        });

        var emergency = new Command("emergency", "Break-glass: release a patient's records without consent (role emergency); always logged and flagged");
        var patient = new Option<string>("--patient") { Description = "The patient", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (1-500 characters); the patient sees it", Required = true };
        var category = new Option<string?>("--category", "-c") { Description = "Only this category (default all)" };
        var record = new Option<string?>("--record") { Description = "Only this record" };
        foreach (var option in new Option[] { patient, reason, category, record })
        {
            emergency.Options.Add(option);
        }

        factory.Handle(emergency, async (parse, context, ct) =>
        {
            var response = await context.Client().EmergencyAccessAsync(
                new EmergencyAccessRequest(parse.GetRequiredValue(patient), parse.GetRequiredValue(reason), parse.GetValue(record), parse.GetValue(category)),
                ct).ConfigureAwait(false);
            context.Output.Result(response);
            context.Output.Markup($"[red]break-glass[/] access {Markup.Escape(response.Access.AccessId)}: {response.Records.Count} record(s) released, logged and flagged");
            foreach (var pointer in response.Records)
            {
                context.Output.Line($"  {pointer.RecordId} {pointer.ResourceType} ({pointer.Category}) {pointer.Location}");
            }

            return ExitCodes.Success;
        });

        command.Subcommands.Add(log);
        command.Subcommands.Add(emergency);
        return command;
    }

    /// <summary>Every entry of the patient's access log, oldest first, as <paramref name="identityName"/>.</summary>
    internal static async Task<IReadOnlyList<AccessEntry>> ReadLogAsync(CliContext context, string patientId, string? identityName, CancellationToken cancellationToken)
    {
        var entries = new List<AccessEntry>();
        string? bookmark = null;
        do
        {
            var page = await context.Client(identityName).ListAccessLogAsync(new ListAccessLogRequest(patientId, 200, bookmark), cancellationToken).ConfigureAwait(false);
            entries.AddRange(page.Entries);
            bookmark = page.Bookmark.Length > 0 ? page.Bookmark : null;
        }
        while (bookmark is not null);
        return entries;
    }

    /// <summary>The profile's identities by MSP id and client id, to name accessors (empty when the profile has none).</summary>
    private static Dictionary<string, string> KnownIdentities(CliContext context)
    {
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in context.Profile.Identities.Keys.Order(StringComparer.Ordinal))
        {
            try
            {
                var (mspId, id) = context.ClientId(name);
                known.TryAdd(AccessLogView.Key(mspId, id), name);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                // an identity whose certificate cannot be read just stays unnamed
            }
        }

        return known;
    }
}
