using System.CommandLine;
using Hyperledger.Fabric.Identity;
using HealthRecords.Cli.Internal;
using Spectre.Console;

namespace HealthRecords.Cli.Commands;

/// <summary><c>hrec identities</c>: the named identities of the profile with their organisation and attributes.</summary>
internal static class IdentitiesCommand
{
    public static Command Create(CommandFactory factory)
    {
        var command = new Command("identities", "List the identities of the connection profile (names for --identity)");
        factory.Handle(command, (parse, context, ct) =>
        {
            var rows = new List<IdentityRow>();
            foreach (var identity in context.Profile.Identities.Values.OrderBy(i => i.MspId, StringComparer.Ordinal).ThenBy(i => i.Name, StringComparer.Ordinal))
            {
                var attributes = CertificateAttributes.Read(context.Certificate(identity.Name));
                rows.Add(new IdentityRow(
                    identity.Name,
                    identity.MspId,
                    attributes.GetValueOrDefault("hrec.role"),
                    attributes.GetValueOrDefault("hrec.patient"),
                    identity.Peer));
            }

            context.Output.Result(new { profile = context.Profile.Path, identities = rows });
            var table = new Table().AddColumns("name", "msp", "role", "patient", "peer");
            foreach (var row in rows)
            {
                table.AddRow(Markup.Escape(row.Name), Markup.Escape(row.MspId), Markup.Escape(row.Role ?? "-"), Markup.Escape(row.Patient ?? "-"), Markup.Escape(row.Peer ?? "-"));
            }

            context.Output.Render(table);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private sealed record IdentityRow(string Name, string MspId, string? Role, string? Patient, string? Peer);
}
