using System.CommandLine;
using HealthRecords.Cli.Internal;
using HealthRecords.Domain.Contracts;
using Spectre.Console;

namespace HealthRecords.Cli.Commands;

/// <summary><c>hrec patient register|show|rotate-key</c>.</summary>
internal static class PatientCommands
{
    public static Command Create(CommandFactory factory)
    {
        var command = new Command("patient", "Register patients, show them, rotate a patient's key");

        var register = new Command("register", "Register the acting patient identity's patient id (binds this identity as 'self')");
        var registerPatient = CommandFactory.PatientOption();
        register.Options.Add(registerPatient);
        factory.Handle(register, async (parse, context, ct) =>
        {
            var patientId = context.PatientId(parse.GetValue(registerPatient));
            var response = await context.Client().RegisterPatientAsync(new RegisterPatientRequest(patientId), ct).ConfigureAwait(false);
            context.Output.Result(response);
            context.Output.Markup($"[green]registered[/] patient [bold]{Markup.Escape(response.Patient.PatientId)}[/] (tx {Markup.Escape(response.Patient.TxId)})");
            Render(context.Output, response);
            return ExitCodes.Success;
        });

        var show = new Command("show", "Show a patient and the identities bound to it (patient, delegate, auditor)");
        var showPatient = CommandFactory.PatientOption();
        show.Options.Add(showPatient);
        factory.Handle(show, async (parse, context, ct) =>
        {
            var patientId = context.PatientId(parse.GetValue(showPatient));
            var response = await context.Client().GetPatientAsync(new GetPatientRequest(patientId), ct).ConfigureAwait(false);
            context.Output.Result(response);
            Render(context.Output, response);
            return ExitCodes.Success;
        });

        var rotate = new Command("rotate-key", "Bind a new own identity (another profile identity with the same hrec.patient) and deactivate the acting one");
        var rotatePatient = CommandFactory.PatientOption();
        var newIdentity = new Option<string>("--new-identity") { Description = "The profile identity that replaces the acting one", Required = true };
        rotate.Options.Add(rotatePatient);
        rotate.Options.Add(newIdentity);
        factory.Handle(rotate, async (parse, context, ct) =>
        {
            var patientId = context.PatientId(parse.GetValue(rotatePatient));
            var (mspId, id) = context.ClientId(parse.GetRequiredValue(newIdentity));
            var response = await context.Client().RotatePatientIdentityAsync(new RotatePatientIdentityRequest(patientId, mspId, id), ct).ConfigureAwait(false);
            context.Output.Result(response);
            context.Output.Markup($"[green]rotated[/]: added {Markup.Escape(response.Added.IdentityId)} ({Markup.Escape(response.Added.MspId)}), deactivated {Markup.Escape(response.Deactivated.IdentityId)}");
            return ExitCodes.Success;
        });

        command.Subcommands.Add(register);
        command.Subcommands.Add(show);
        command.Subcommands.Add(rotate);
        return command;
    }

    private static void Render(CliOutput output, PatientResponse response)
    {
        output.Fields(
            ("patient", response.Patient.PatientId),
            ("registered", response.Patient.RegisteredAt),
            ("by", $"{response.Patient.RegisteredBy.MspId} {response.Patient.RegisteredBy.Role}"));
        var table = new Table().AddColumns("relation", "status", "msp", "identity", "added");
        foreach (var binding in response.Identities)
        {
            table.AddRow(
                Markup.Escape(binding.Relation),
                Markup.Escape(binding.Status),
                Markup.Escape(binding.MspId),
                Markup.Escape(binding.IdentityId),
                Markup.Escape(CliOutput.Format(binding.AddedAt)));
        }

        output.Render(table);
    }
}
