using System.CommandLine;
using HealthRecords.Cli.Commands;
using HealthRecords.Cli.Internal;

namespace HealthRecords.Cli;

/// <summary>
/// The <c>hrec</c> command line as a library: <see cref="RunAsync"/> is what the tool's entry point
/// calls, so tests run the exact commands in-process with captured output.
/// </summary>
public static class HrecCommandLine
{
    /// <summary>
    /// Parses <paramref name="args"/>, runs the command and returns its exit code (<see cref="ExitCodes"/>).
    /// Never throws for a command failure: errors are written to <paramref name="error"/>.
    /// </summary>
    /// <param name="args">The arguments, without the program name.</param>
    /// <param name="output">Standard output (human text, or the JSON document with <c>--json</c>).</param>
    /// <param name="error">Standard error (errors, and parse errors with help).</param>
    /// <param name="cancellationToken">Stops a long-running command (<c>network up</c>, <c>events follow</c>).</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var root = CreateRootCommand();
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
        };
        return await root.Parse(args).InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    private static RootCommand CreateRootCommand()
    {
        var factory = new CommandFactory();
        var root = new RootCommand(
            "hrec: patient-controlled, verifiable health-record pointers on Hyperledger Fabric. " +
            "Runs the dev network, manages patients, records and consent, reads the access log and checks Merkle proofs.");
        root.Options.Add(factory.Globals.Profile);
        root.Options.Add(factory.Globals.Identity);
        root.Options.Add(factory.Globals.Json);
        root.Subcommands.Add(NetworkCommands.Create(factory));
        root.Subcommands.Add(PatientCommands.Create(factory));
        root.Subcommands.Add(RecordCommands.Create(factory));
        root.Subcommands.Add(ConsentCommands.Create(factory));
        root.Subcommands.Add(AccessCommands.Create(factory));
        root.Subcommands.Add(ResearchCommands.Create(factory));
        root.Subcommands.Add(ProofCommands.Create(factory));
        root.Subcommands.Add(EventsCommands.Create(factory));
        root.Subcommands.Add(TxCommands.Create(factory));
        root.Subcommands.Add(DemoCommand.Create(factory));
        root.Subcommands.Add(IdentitiesCommand.Create(factory));
        return root;
    }
}
