using System.CommandLine;
using HealthRecords.Cli.Internal;
using HealthRecords.Domain.Contracts;
using Spectre.Console;

namespace HealthRecords.Cli.Commands;

/// <summary><c>hrec consent grant|revoke|list|check</c>.</summary>
internal static class ConsentCommands
{
    public static Command Create(CommandFactory factory)
    {
        var command = new Command("consent", "Grant, revoke, list and check the patient's consents");
        command.Subcommands.Add(CreateGrant(factory));
        command.Subcommands.Add(CreateRevoke(factory));
        command.Subcommands.Add(CreateList(factory));
        command.Subcommands.Add(CreateCheck(factory));
        return command;
    }

    private static Command CreateGrant(CommandFactory factory)
    {
        var grant = new Command("grant", "Grant a consent (patient or delegate): who may do what to which records, why, until when");
        var patient = CommandFactory.PatientOption();
        var toOrg = new Option<string?>("--to-org") { Description = "Grantee: every identity of this organisation (MSP id, e.g. Org2MSP)" };
        var toIdentity = new Option<string?>("--to-identity") { Description = "Grantee: one identity, by its name in the profile" };
        var toRole = new Option<string?>("--to-role") { Description = "Grantee: every identity with this hrec.role (provider, emergency, device, researcher)" };
        var actions = new Option<string[]>("--action", "-a") { Description = "read and/or append (repeatable; default read)", AllowMultipleArgumentsPerToken = true };
        var categories = new Option<string[]>("--category", "-c") { Description = "Categories in scope (repeatable)", AllowMultipleArgumentsPerToken = true };
        var records = new Option<string[]>("--record") { Description = "Record ids in scope (repeatable; read only)", AllowMultipleArgumentsPerToken = true };
        var purpose = new Option<string>("--purpose") { Description = "treatment, emergency, research, payment or operations", DefaultValueFactory = _ => "treatment" };
        var days = new Option<int?>("--days") { Description = "Valid for this many days from now" };
        var until = new Option<DateTimeOffset?>("--until") { Description = "Valid until (RFC 3339, e.g. 2027-01-01T00:00:00Z)" };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Valid from (RFC 3339; default the grant's time)" };
        foreach (var option in new Option[] { patient, toOrg, toIdentity, toRole, actions, categories, records, purpose, days, until, from })
        {
            grant.Options.Add(option);
        }

        grant.Validators.Add(result =>
        {
            var count = new[] { toOrg, toIdentity, toRole }.Count(o => result.GetResult(o) is not null);
            if (count != 1)
            {
                result.AddError("give exactly one grantee: --to-org, --to-identity or --to-role");
            }

            if (result.GetResult(days) is not null && result.GetResult(until) is not null)
            {
                result.AddError("give --days or --until, not both");
            }
        });

        factory.Handle(grant, async (parse, context, ct) =>
        {
            var grantee = parse.GetValue(toOrg) is { } org
                ? new Grantee("organization", org)
                : parse.GetValue(toRole) is { } role
                    ? new Grantee("role", role)
                    : IdentityGrantee(context, parse.GetValue(toIdentity)!);
            var validUntil = parse.GetValue(until) ?? (parse.GetValue(days) is { } d ? DateTimeOffset.UtcNow.AddDays(d) : null);
            var actionList = parse.GetValue(actions) is { Length: > 0 } a ? a : ["read"];
            var request = new GrantConsentRequest(
                context.PatientId(parse.GetValue(patient)),
                grantee,
                actionList,
                new ConsentScope(NullIfEmpty(parse.GetValue(categories)), NullIfEmpty(parse.GetValue(records))),
                parse.GetValue(purpose) ?? "treatment",
                parse.GetValue(from),
                validUntil);
            var response = await context.Client().GrantConsentAsync(request, ct).ConfigureAwait(false);
            context.Output.Result(response);
            context.Output.Markup($"[green]granted[/] consent [bold]{Markup.Escape(response.Consent.ConsentId)}[/]");
            RenderConsents(context.Output, [response.Consent]);
            return ExitCodes.Success;
        });
        return grant;
    }

    private static Command CreateRevoke(CommandFactory factory)
    {
        var revoke = new Command("revoke", "Revoke a consent (patient or delegate); it stays on the ledger as revoked");
        var consentId = new Argument<string>("consent-id") { Description = "The consent id (con-...)" };
        var patient = CommandFactory.PatientOption();
        revoke.Arguments.Add(consentId);
        revoke.Options.Add(patient);
        factory.Handle(revoke, async (parse, context, ct) =>
        {
            var response = await context.Client().RevokeConsentAsync(new ConsentRequest(context.PatientId(parse.GetValue(patient)), parse.GetRequiredValue(consentId)), ct).ConfigureAwait(false);
            context.Output.Result(response);
            context.Output.Markup($"[yellow]revoked[/] consent [bold]{Markup.Escape(response.Consent.ConsentId)}[/]");
            return ExitCodes.Success;
        });
        return revoke;
    }

    private static Command CreateList(CommandFactory factory)
    {
        var list = new Command("list", "List the patient's consents, active and revoked (patient, delegate, auditor)");
        var patient = CommandFactory.PatientOption();
        list.Options.Add(patient);
        factory.Handle(list, async (parse, context, ct) =>
        {
            var patientId = context.PatientId(parse.GetValue(patient));
            var consents = new List<Consent>();
            string? bookmark = null;
            do
            {
                var page = await context.Client().ListConsentsAsync(new ListConsentsRequest(patientId, 200, bookmark), ct).ConfigureAwait(false);
                consents.AddRange(page.Consents);
                bookmark = page.Bookmark.Length > 0 ? page.Bookmark : null;
            }
            while (bookmark is not null);

            context.Output.Result(new { patientId, consents });
            RenderConsents(context.Output, consents);
            return ExitCodes.Success;
        });
        return list;
    }

    private static Command CreateCheck(CommandFactory factory)
    {
        var check = new Command("check", "Ask whether the acting identity may read or append (exit 0 allowed, 2 denied); nothing is logged");
        var patient = CommandFactory.PatientOption();
        var action = new Option<string>("--action", "-a") { Description = "read or append", DefaultValueFactory = _ => "read" };
        var purpose = new Option<string>("--purpose") { Description = "treatment, emergency, research, payment or operations", DefaultValueFactory = _ => "treatment" };
        var category = new Option<string?>("--category", "-c") { Description = "The category asked about" };
        var record = new Option<string?>("--record") { Description = "The record asked about (read only)" };
        foreach (var option in new Option[] { patient, action, purpose, category, record })
        {
            check.Options.Add(option);
        }

        factory.Handle(check, async (parse, context, ct) =>
        {
            var decision = await context.Client().CheckAccessAsync(
                new CheckAccessRequest(context.PatientId(parse.GetValue(patient)), parse.GetValue(action) ?? "read", parse.GetValue(purpose) ?? "treatment", parse.GetValue(record), parse.GetValue(category)),
                ct).ConfigureAwait(false);
            context.Output.Result(decision);
            context.Output.Markup(decision.Allowed
                ? $"[green]allowed[/] ({Markup.Escape(decision.Basis ?? decision.Reason)}{(decision.ConsentId is null ? string.Empty : ", consent " + Markup.Escape(decision.ConsentId))})"
                : $"[red]denied[/] ({Markup.Escape(decision.Reason)}): {Markup.Escape(decision.Message)}");
            return decision.Allowed ? ExitCodes.Success : ExitCodes.Denied;
        });
        return check;
    }

    internal static void RenderConsents(CliOutput output, IReadOnlyList<Consent> consents)
    {
        var table = new Table().AddColumns("consent", "grantee", "actions", "scope", "purpose", "valid until", "status");
        foreach (var consent in consents)
        {
            var scope = string.Join(", ", (consent.Scope.Categories ?? []).Concat(consent.Scope.RecordIds ?? []));
            table.AddRow(
                Markup.Escape(consent.ConsentId),
                Markup.Escape($"{consent.Grantee.Type}:{Shorten(consent.Grantee.Value)}"),
                Markup.Escape(string.Join(",", consent.Actions)),
                Markup.Escape(scope),
                Markup.Escape(consent.Purpose),
                Markup.Escape(CliOutput.Format(consent.ValidUntil)),
                consent.Status == "active" ? "[green]active[/]" : $"[yellow]{Markup.Escape(consent.Status)}[/]");
        }

        output.Render(table);
    }

    private static Grantee IdentityGrantee(CliContext context, string name)
    {
        var (mspId, id) = context.ClientId(name);
        return new Grantee("identity", id, mspId);
    }

    private static IReadOnlyList<string>? NullIfEmpty(string[]? values) => values is { Length: > 0 } ? values : null;

    private static string Shorten(string value) => value.Length <= 48 ? value : string.Concat(value.AsSpan(0, 45), "...");

}
