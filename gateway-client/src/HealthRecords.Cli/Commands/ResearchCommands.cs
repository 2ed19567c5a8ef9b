using System.CommandLine;
using HealthRecords.Cli.Internal;
using HealthRecords.Domain.Contracts;
using Spectre.Console;

namespace HealthRecords.Cli.Commands;

/// <summary><c>hrec research count</c>.</summary>
internal static class ResearchCommands
{
    public static Command Create(CommandFactory factory)
    {
        var command = new Command("research", "Aggregate queries for researchers (never names a patient)");
        var count = new Command("count", "Patients and records per category over patients who consented to research; small cells suppressed");
        var categories = new Option<string[]>("--category", "-c") { Description = "Categories (repeatable; default all)", AllowMultipleArgumentsPerToken = true };
        count.Options.Add(categories);
        factory.Handle(count, async (parse, context, ct) =>
        {
            var requested = parse.GetValue(categories);
            var response = await context.Client().CountResearchRecordsAsync(new ResearchCountRequest(requested is { Length: > 0 } ? requested : null), ct).ConfigureAwait(false);
            context.Output.Result(response);
            Render(context.Output, response);
            return ExitCodes.Success;
        });
        command.Subcommands.Add(count);
        return command;
    }

    internal static void Render(CliOutput output, ResearchCountResponse response)
    {
        var table = new Table().AddColumns("category", "patients", "records");
        foreach (var row in response.Counts)
        {
            table.AddRow(
                Markup.Escape(row.Category),
                row.Suppressed ? "[grey]suppressed[/]" : CliOutput.Format(row.Patients),
                row.Suppressed ? "[grey]suppressed[/]" : CliOutput.Format(row.Records));
        }

        output.Render(table);
        output.Line($"cells with 1-{response.Threshold - 1} patients are suppressed (threshold {response.Threshold})");
    }
}
