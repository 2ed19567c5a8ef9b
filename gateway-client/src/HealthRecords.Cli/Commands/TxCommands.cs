using System.CommandLine;
using Hyperledger.Fabric.Gateway;
using HealthRecords.Cli.Internal;
using Spectre.Console;

namespace HealthRecords.Cli.Commands;

/// <summary><c>hrec tx status</c>: asks again for the commit status of a transaction already submitted.</summary>
internal static class TxCommands
{
    public static Command Create(CommandFactory factory)
    {
        var command = new Command("tx", "Transactions already submitted");
        var status = new Command("status", "Waits for a transaction's commit status (after exit code 8, 'may still commit'); never submits anything");
        var id = new Argument<string>("txid") { Description = "The transaction id the earlier command printed" };
        var timeout = new Option<double?>("--timeout")
        {
            Description = "Seconds to wait for the commit (default 180, the gateway's commit-status timeout)",
        };
        status.Arguments.Add(id);
        status.Options.Add(timeout);
        factory.Handle(status, async (parse, context, ct) =>
        {
            var transactionId = parse.GetValue(id)!.Trim();
            if (transactionId.Length == 0)
            {
                throw CliException.Usage("give the transaction id: hrec tx status <txid>");
            }

            var options = context.CreateGatewayOptions(ActingIdentity(context));
            if (parse.GetValue(timeout) is { } seconds)
            {
                options = seconds > 0 && seconds <= int.MaxValue / 1000
                    ? options with { CommitStatusTimeout = TimeSpan.FromSeconds(seconds) }
                    : throw CliException.Usage("--timeout must be a positive number of seconds");
            }

            using var gateway = Gateway.Connect(options);
            var result = await gateway.GetNetwork(context.Profile.Channel).GetTransactionStatusAsync(transactionId, ct).ConfigureAwait(false);
            if (!result.Successful)
            {
                throw new CommitException(result);
            }

            context.Output.Result(new { transactionId = result.TransactionId, code = result.Code.ToString(), blockNumber = result.BlockNumber, committed = true });
            context.Output.Markup($"[green]committed[/]: transaction {Markup.Escape(result.TransactionId)} is valid in block {result.BlockNumber}");
            return ExitCodes.Success;
        });
        command.Subcommands.Add(status);
        return command;
    }

    /// <summary>Any member of the channel may ask: the given identity, else the profile's first.</summary>
    private static string ActingIdentity(CliContext context)
    {
        try
        {
            return context.IdentityName;
        }
        catch (CliException)
        {
            return context.Profile.Identities.Keys.Order(StringComparer.Ordinal).FirstOrDefault()
                ?? throw CliException.Usage("the profile names no identity to ask with; give --identity");
        }
    }
}
