using System.Globalization;
using HealthRecords.Domain.Contracts;
using Spectre.Console;

namespace HealthRecords.Cli.Internal;

/// <summary>
/// The human form of <c>hrec access log</c>: one row per access with who (the profile's name for the
/// identity when it has one, else the certificate's common name, and the organisation), which records,
/// why, when, on what basis, and a visible <c>BREAK-GLASS</c> flag with its reason.
/// </summary>
internal static class AccessLogView
{
    public static void Render(CliOutput output, IReadOnlyList<AccessEntry> entries, IReadOnlyDictionary<string, string> knownIdentities)
    {
        if (output.Json)
        {
            return;
        }

        var table = new Table().AddColumns("when", "who", "organisation", "role", "records", "purpose", "basis", "flag");
        foreach (var entry in entries)
        {
            table.AddRow(
                Markup.Escape(CliOutput.Format(entry.AccessedAt)),
                Markup.Escape(Who(entry.Accessor, knownIdentities)),
                Markup.Escape(entry.Accessor.MspId),
                Markup.Escape(entry.Accessor.Role),
                Markup.Escape(entry.RecordIds.Count == 0 ? "(none)" : string.Join(", ", entry.RecordIds)),
                Markup.Escape(entry.Purpose),
                Markup.Escape(entry.Basis + (entry.ConsentId is null ? string.Empty : " " + entry.ConsentId)),
                entry.Emergency ? $"[bold red]BREAK-GLASS[/] {Markup.Escape(entry.Reason ?? string.Empty)}" : string.Empty);
        }

        output.Render(table);
        var emergencies = entries.Count(e => e.Emergency);
        output.Line(string.Create(CultureInfo.InvariantCulture, $"{entries.Count} access(es), {emergencies} break-glass"));
        if (emergencies > 0)
        {
            output.Markup($"[bold red]BREAK-GLASS[/]: {emergencies} emergency access(es) without consent; see the reasons above");
        }
    }

    /// <summary>
    /// A readable name for an accessor: the profile identity whose certificate it is, else the common
    /// name of the subject in its <c>x509::subject::issuer</c> id, else the id as it is.
    /// </summary>
    public static string Who(ActorRef accessor, IReadOnlyDictionary<string, string> knownIdentities)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        if (knownIdentities.TryGetValue(Key(accessor.MspId, accessor.Id), out var name))
        {
            return name;
        }

        return CommonName(accessor.Id) ?? accessor.Id;
    }

    /// <summary>The lookup key of <see cref="Who"/>'s identity map.</summary>
    public static string Key(string mspId, string id) => mspId + "\n" + id;

    private static string? CommonName(string id)
    {
        const string prefix = "x509::";
        if (!id.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = id.IndexOf("::", prefix.Length, StringComparison.Ordinal);
        var subject = end < 0 ? id[prefix.Length..] : id[prefix.Length..end];
        foreach (var part in subject.Split([',', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("CN=", StringComparison.OrdinalIgnoreCase))
            {
                return part[3..];
            }
        }

        return null;
    }
}
