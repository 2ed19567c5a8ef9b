using System.CommandLine;
using HealthRecords.Cli.Demo;
using HealthRecords.Cli.Internal;
using Spectre.Console;

namespace HealthRecords.Cli.Commands;

/// <summary>
/// <c>hrec demo</c>: starts the dev network tool with the chaincode as a service, as child processes (unless <c>--profile</c> names a
/// running network), runs the scenario of <see cref="DemoScenario"/> step by step, prints a summary and
/// cleans up. Exit 0 when every step behaved as expected.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CommandFactory factory)
    {
        var demo = new Command("demo", "Run the end-to-end scenario: hospital and clinic, a patient, her watch, consent, refusals, break-glass, research counts, proofs");
        var keep = new Option<bool>("--keep") { Description = "Keep the dev network's data folder (ledger, crypto material, content store) afterwards" };
        var data = new Option<string?>("--data") { Description = "Data folder for the demo's dev network (default: a new temporary folder); removed afterwards only if the demo created it" };
        demo.Options.Add(keep);
        demo.Options.Add(data);
        var devNetworkCommand = NetworkCommands.DevNetworkCommandOption();
        var chaincodeCommand = NetworkCommands.ChaincodeCommandOption();
        demo.Options.Add(devNetworkCommand);
        demo.Options.Add(chaincodeCommand);
        factory.Handle(demo, async (parse, context, ct) =>
        {
            var output = context.Output;
            // Like every command: --profile, else HREC_PROFILE; only without either does the demo start its own network.
            var external = parse.GetValue(factory.Globals.Profile)
                ?? (Environment.GetEnvironmentVariable(GlobalOptions.ProfileVariable) is { Length: > 0 } fromEnvironment && !string.IsNullOrWhiteSpace(fromEnvironment) ? fromEnvironment : null);
            // The tools first: a missing one is a usage error of its own (TOOL_NOT_FOUND, exit 3), not a failed step.
            var devNetwork = external is null ? ToolLocator.DevNetwork(parse.GetValue(devNetworkCommand)) : null;
            var chaincode = external is null ? ToolLocator.Chaincode(parse.GetValue(chaincodeCommand)) : null;
            var reporter = new DemoReporter(output, DemoSteps.Scenario.Count + 1);
            output.Markup("[bold]Fabric.HealthRecords demo[/]: patient-controlled, verifiable sharing of health-record pointers");
            // Only a folder the demo creates is removed afterwards: never an existing one named with --data.
            var givenData = parse.GetValue(data);
            var ownsData = givenData is null || !Directory.Exists(givenData);
            var dataDirectory = givenData is null ? Directory.CreateTempSubdirectory("hrec-demo-").FullName : Path.GetFullPath(givenData);
            DevNetworkProcess? host = null;
            string profilePath;
            try
            {
                if (external is not null)
                {
                    profilePath = external;
                    await reporter.AllowedAsync(DemoSteps.UseNetwork, () => Task.FromResult($"profile {Path.GetFullPath(external)}")).ConfigureAwait(false);
                }
                else
                {
                    var started = await reporter.AllowedAsync(DemoSteps.StartNetwork, async () =>
                    {
                        // Like 'hrec network up': fabric-devnet runs the network and the chaincode server as
                        // child processes, and logs them all to <data>/network.log.
                        host = await DevNetworkProcess.StartAsync(output, devNetwork!, chaincode!, dataDirectory, basePort: 0, batchTimeoutMs: 100, ct).ConfigureAwait(false);
                        var logFile = host.LogFile;
                        reporter.Detail($"network log: {logFile}");
                        foreach (var peer in host.Peers)
                        {
                            reporter.Detail($"{peer.Name} ({peer.MspId}) Gateway at {peer.Url}");
                        }

                        reporter.Detail($"chaincode server at {host.ChaincodeAddress}, dialled by both peers; policy {DevNetworkProcess.EndorsementPolicy}");
                        return $"channel {host.ChannelId} ready; profile {host.ProfilePath}";
                    }).ConfigureAwait(false);
                    if (!started || host is null)
                    {
                        if (ownsData && !parse.GetValue(keep))
                        {
                            TryDelete(dataDirectory);
                        }

                        return Summarise(output, reporter, cleanup: null);
                    }

                    profilePath = host.ProfilePath;
                }

                using (var demoContext = new CliContext(output, profilePath))
                {
                    var store = ContentStore.Open(null, profilePath);
                    await new DemoScenario(demoContext, reporter, store).RunAsync(ct).ConfigureAwait(false);
                }
            }
            finally
            {
                if (host is not null)
                {
                    await host.DisposeAsync().ConfigureAwait(false);
                }
            }

            string cleanup;
            if (external is not null)
            {
                cleanup = "the external network was left running";
            }
            else if (parse.GetValue(keep) || !ownsData)
            {
                cleanup = $"network stopped; data kept in {dataDirectory}";
            }
            else
            {
                TryDelete(dataDirectory);
                cleanup = $"network stopped; {dataDirectory} removed";
            }

            return Summarise(output, reporter, cleanup);
        });
        return demo;
    }

    private static int Summarise(CliOutput output, DemoReporter reporter, string? cleanup)
    {
        var results = reporter.Results;
        var ok = results.All(r => r.AsExpected) && results.Count == DemoSteps.Scenario.Count + 1;
        output.Result(new { ok, steps = results, cleanup });
        output.Line(string.Empty);
        var table = new Table().Title("Summary").AddColumns("#", "step", "expected", "outcome", string.Empty);
        foreach (var result in results)
        {
            table.AddRow(
                result.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(result.Title),
                Markup.Escape(result.Expected),
                Markup.Escape(result.Outcome),
                result.AsExpected ? "[green]OK[/]" : "[red]UNEXPECTED[/]");
        }

        output.Render(table);
        var allowed = results.Count(r => r.Expected == "allowed" && r.AsExpected);
        var refused = results.Count(r => r.Expected == "refused" && r.AsExpected);
        output.Line($"{results.Count(r => r.AsExpected)}/{results.Count} steps as expected: {allowed} allowed, {refused} refused as they should be.");
        if (cleanup is not null)
        {
            output.Line($"Cleanup: {cleanup}.");
        }

        output.Markup(ok ? "[green]Demo completed successfully.[/]" : "[red]Demo FAILED: see the steps marked UNEXPECTED.[/]");
        return ok ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: the OS cleans temporary folders
        }
        catch (UnauthorizedAccessException)
        {
            // best effort
        }
    }
}
