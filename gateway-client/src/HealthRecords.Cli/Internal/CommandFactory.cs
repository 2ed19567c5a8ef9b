using System.CommandLine;

namespace HealthRecords.Cli.Internal;

/// <summary>Wires command actions: builds the invocation's <see cref="CliContext"/> and maps any failure to an exit code.</summary>
internal sealed class CommandFactory
{
    public GlobalOptions Globals { get; } = new();

    /// <summary>Sets <paramref name="command"/>'s action to <paramref name="body"/>, with error reporting.</summary>
    public void Handle(Command command, Func<ParseResult, CliContext, CancellationToken, Task<int>> body)
    {
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            using var context = new CliContext(parseResult, Globals, output, error);
            try
            {
                return await body(parseResult, context, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return CliErrors.Report(e, context.Output);
            }
        });
    }

    /// <summary>A <c>--patient</c> option (defaults to the acting identity's <c>hrec.patient</c>).</summary>
    public static Option<string?> PatientOption() => new("--patient")
    {
        Description = "Patient id (default: the acting identity's hrec.patient certificate attribute)",
    };
}
