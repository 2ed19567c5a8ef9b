using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grpc.Core;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>The gateway's ActivitySource and Meter, and the one way a step records its span and metrics.</summary>
internal static class GatewayInstruments
{
    private static readonly string? Version = typeof(GatewayInstruments).Assembly.GetName().Version?.ToString();

    public static readonly ActivitySource Source = new(GatewayTelemetry.Name, Version);

    private static readonly Meter Meter = new(GatewayTelemetry.Name, Version);

    private static readonly Counter<long> Calls =
        Meter.CreateCounter<long>(GatewayTelemetry.CallsMetric, "{call}", "Gateway calls that finished, by step and outcome.");

    private static readonly Histogram<double> Duration =
        Meter.CreateHistogram<double>(GatewayTelemetry.DurationMetric, "s", "Duration of gateway calls, failover attempts included.");

    public static string NameOf(GatewayOperation operation) => operation switch
    {
        GatewayOperation.Evaluate => "evaluate",
        GatewayOperation.Endorse => "endorse",
        GatewayOperation.Submit => "submit",
        GatewayOperation.CommitStatus => "commit_status",
        _ => "chaincode_events",
    };

    /// <summary>Starts a step's span (null when nobody listens) and its clock.</summary>
    public static StageScope Start(GatewayOperation operation, string channel, string? chaincode, string? transactionId)
    {
        var activity = Source.StartActivity("fabric." + NameOf(operation), ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(GatewayTelemetry.ChannelTag, channel);
            activity.SetTag(GatewayTelemetry.ChaincodeTag, chaincode);
            activity.SetTag(GatewayTelemetry.TransactionIdTag, transactionId);
        }

        return new StageScope(activity, operation, Stopwatch.GetTimestamp());
    }

    /// <summary>The outcome tag for an exception that ended a step.</summary>
    public static string OutcomeOf(Exception error) => error switch
    {
        OperationCanceledException => "cancelled",
        RpcException rpc => rpc.StatusCode.ToString(),
        GatewayException gateway => gateway.StatusCode.ToString(),
        _ => error.GetType().Name,
    };

    /// <summary>A running step: ends its span and records its metrics once.</summary>
    internal readonly struct StageScope(Activity? activity, GatewayOperation operation, long started)
    {
        public Activity? Activity => activity;

        public void Succeeded() => End("ok", null);

        public void Failed(Exception error) => End(OutcomeOf(error), error);

        private void End(string outcome, Exception? error)
        {
            var tags = new TagList { { GatewayTelemetry.OperationTag, NameOf(operation) }, { GatewayTelemetry.OutcomeTag, outcome } };
            Calls.Add(1, tags);
            Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
            if (activity is null)
            {
                return;
            }

            activity.SetTag(GatewayTelemetry.OutcomeTag, outcome);
            if (error is not null)
            {
                // The type and status only: an exception's message can quote the chaincode's answer.
                activity.SetStatus(ActivityStatusCode.Error, outcome);
            }

            activity.Dispose();
        }
    }
}
