using System.CommandLine;
using System.Text.Json;
using HealthRecords.Cli.Internal;
using HealthRecords.Client.Proofs;
using HealthRecords.Domain;
using HealthRecords.Domain.Contracts;
using Spectre.Console;

namespace HealthRecords.Cli.Commands;

/// <summary><c>hrec proof verify|consistency</c>: the patient's Merkle history (RFC 9162).</summary>
internal static class ProofCommands
{
    public static Command Create(CommandFactory factory)
    {
        var command = new Command("proof", "Check inclusion and consistency proofs of a patient's append-only history");
        command.Subcommands.Add(CreateVerify(factory));
        command.Subcommands.Add(CreateConsistency(factory));
        command.Subcommands.Add(CreateRoot(factory));
        return command;
    }

    private static Command CreateVerify(CommandFactory factory)
    {
        var verify = new Command("verify", "Fetch a history entry with its inclusion proof and verify it (or verify a saved proof offline with --file)");
        var patient = CommandFactory.PatientOption();
        var index = new Option<long?>("--index") { Description = "The leaf index (0-based) of the history entry" };
        var size = new Option<long?>("--size") { Description = "Prove against this tree size (default the current one)" };
        var file = new Option<FileInfo?>("--file") { Description = "A saved proof (the 'proof' of 'hrec --json proof verify'); verified offline, no network" };
        foreach (var option in new Option[] { patient, index, size, file })
        {
            verify.Options.Add(option);
        }

        factory.Handle(verify, async (parse, context, ct) =>
        {
            HistoryProof proof;
            if (parse.GetValue(file) is { } saved)
            {
                proof = JsonSerializer.Deserialize<HistoryProof>(await File.ReadAllBytesAsync(saved.FullName, ct).ConfigureAwait(false), HealthRecordsJson.Options)
                    ?? throw CliException.Usage($"{saved.FullName} holds no proof");
                HistoryProofs.VerifyInclusion(proof);
            }
            else
            {
                var leafIndex = parse.GetValue(index) ?? throw CliException.Usage("give --index (or --file for a saved proof)");
                proof = await context.Client().GetHistoryEntryAsync(new HistoryEntryRequest(context.PatientId(parse.GetValue(patient)), leafIndex, parse.GetValue(size)), ct).ConfigureAwait(false);
            }

            var leafType = LeafType(proof);
            context.Output.Result(new { verified = true, proof.PatientId, proof.LeafIndex, proof.TreeSize, proof.RootHash, leafType, proof });
            context.Output.Markup($"[green]inclusion proof verified[/]: leaf {proof.LeafIndex} ({Markup.Escape(leafType)}) is in {Markup.Escape(proof.PatientId)}'s history of size {proof.TreeSize}, root {Markup.Escape(proof.RootHash)}");
            return ExitCodes.Success;
        });
        return verify;
    }

    private static Command CreateConsistency(CommandFactory factory)
    {
        var consistency = new Command("consistency", "Prove that the history at an earlier size (and root you saw) was only appended to");
        var patient = CommandFactory.PatientOption();
        var fromSize = new Option<long>("--from-size") { Description = "The earlier tree size", Required = true };
        var fromRoot = new Option<string?>("--from-root") { Description = "The root you saw at that size (hex); checked against the proof" };
        var toSize = new Option<long?>("--to-size") { Description = "The later size (default the current one)" };
        foreach (var option in new Option[] { patient, fromSize, fromRoot, toSize })
        {
            consistency.Options.Add(option);
        }

        factory.Handle(consistency, async (parse, context, ct) =>
        {
            var result = await HistoryChecks.ProveAppendOnlyAsync(
                context.Client(), context.PatientId(parse.GetValue(patient)), parse.GetValue(fromSize), parse.GetValue(fromRoot), parse.GetValue(toSize), ct).ConfigureAwait(false);
            context.Output.Result(result);
            context.Output.Markup($"[green]consistent[/]: size {result.FromSize} (root {Markup.Escape(result.FromRoot)}) -> size {result.ToSize} (root {Markup.Escape(result.ToRoot)}); history was only appended to");
            return ExitCodes.Success;
        });
        return consistency;
    }

    private static Command CreateRoot(CommandFactory factory)
    {
        var root = new Command("root", "The current size and root hash of a patient's history (any role)");
        var patient = CommandFactory.PatientOption();
        root.Options.Add(patient);
        factory.Handle(root, async (parse, context, ct) =>
        {
            var response = await context.Client().GetHistoryRootAsync(new HistoryRequest(context.PatientId(parse.GetValue(patient))), ct).ConfigureAwait(false);
            context.Output.Result(response);
            context.Output.Fields(("patient", response.PatientId), ("size", response.TreeSize), ("root", response.RootHash));
            return ExitCodes.Success;
        });
        return root;
    }

    /// <summary>The <c>type</c> of the proven leaf (<c>record-added</c>, <c>consent-granted</c>, ...), or <c>withheld</c>.</summary>
    internal static string LeafType(HistoryProof proof)
    {
        if (proof.Leaf is null)
        {
            return "withheld";
        }

        using var leaf = JsonDocument.Parse(Convert.FromBase64String(proof.Leaf));
        return leaf.RootElement.TryGetProperty("type", out var type) ? type.GetString() ?? "?" : "?";
    }
}
