using System.CommandLine;
using System.Text.Json;
using Hyperledger.Fabric.Gateway;
using HealthRecords.Cli.Internal;
using HealthRecords.Domain;
using HealthRecords.Domain.Contracts;

namespace HealthRecords.Cli.Commands;

/// <summary><c>hrec events follow</c>.</summary>
internal static class EventsCommands
{
    public static Command Create(CommandFactory factory)
    {
        var command = new Command("events", "Chaincode events of committed transactions");
        var follow = new Command("follow", "Print the chaincode's events as transactions commit (Ctrl-C to stop); with --json one JSON object per line");
        var startBlock = new Option<ulong?>("--start-block") { Description = "Replay from this block (default: the next block to commit)" };
        var count = new Option<int?>("--count", "-n") { Description = "Stop after this many events" };
        var patient = new Option<string?>("--patient") { Description = "Only this patient's events" };
        follow.Options.Add(startBlock);
        follow.Options.Add(count);
        follow.Options.Add(patient);
        factory.Handle(follow, async (parse, context, ct) =>
        {
            var limit = parse.GetValue(count);
            var only = parse.GetValue(patient);
            var network = context.Gateway().GetNetwork(context.Profile.Channel);
            var options = new ChaincodeEventsOptions { StartBlock = parse.GetValue(startBlock), Reconnect = true, MaxReconnectAttempts = 5 };
            var seen = 0;
            try
            {
                await foreach (var chaincodeEvent in network.GetChaincodeEventsAsync(context.Profile.Chaincode, options, ct).ConfigureAwait(false))
                {
                    var payload = Parse(chaincodeEvent);
                    if (only is not null && payload?.PatientId != only)
                    {
                        continue;
                    }

                    Write(context.Output, chaincodeEvent, payload);
                    if (limit is { } max && ++seen >= max)
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl-C: the normal way to stop following.
            }

            return ExitCodes.Success;
        });
        command.Subcommands.Add(follow);
        return command;
    }

    private static HealthRecordsEvent? Parse(ChaincodeEvent chaincodeEvent)
    {
        try
        {
            return JsonSerializer.Deserialize<HealthRecordsEvent>(chaincodeEvent.Payload.Span, HealthRecordsJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Write(CliOutput output, ChaincodeEvent chaincodeEvent, HealthRecordsEvent? payload)
    {
        if (output.Json)
        {
            output.JsonLine(new { block = chaincodeEvent.BlockNumber, txId = chaincodeEvent.TransactionId, name = chaincodeEvent.EventName, payload });
            return;
        }

        var what = payload is null
            ? $"{chaincodeEvent.Payload.Length} bytes"
            : $"patient {payload.PatientId} by {payload.Actor.MspId}/{payload.Actor.Role}"
              + (payload.RecordId is null ? string.Empty : $" record {payload.RecordId}")
              + (payload.ConsentId is null ? string.Empty : $" consent {payload.ConsentId}")
              + (payload.Emergency ? " BREAK-GLASS" : string.Empty)
              + $" (history size {payload.TreeSize})";
        output.Line($"block {chaincodeEvent.BlockNumber} {chaincodeEvent.EventName}: {what}");
    }
}
