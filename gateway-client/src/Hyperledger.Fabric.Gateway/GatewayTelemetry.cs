namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// The names under which the gateway client reports traces and metrics. Subscribe with
/// <c>AddSource(GatewayTelemetry.Name)</c> and <c>AddMeter(GatewayTelemetry.Name)</c> in OpenTelemetry.
/// </summary>
/// <remarks>
/// Spans, one per step: <c>fabric.evaluate</c>, <c>fabric.endorse</c>, <c>fabric.submit</c>,
/// <c>fabric.commit_status</c> and <c>fabric.chaincode_events</c> (one per stream connection), tagged
/// <see cref="ChannelTag"/>, <see cref="ChaincodeTag"/>, <see cref="TransactionIdTag"/> and
/// <see cref="OutcomeTag"/>; Grpc.Net.Client's and HttpClient's spans of each attempt sit under them.
/// Metrics: <see cref="CallsMetric"/> and <see cref="DurationMetric"/>, tagged <see cref="OperationTag"/> and
/// <see cref="OutcomeTag"/>.
/// </remarks>
public static class GatewayTelemetry
{
    /// <summary>The <c>ActivitySource</c> and <c>Meter</c> name: the gateway package's name.</summary>
    public const string Name = "Hyperledger.Fabric.Gateway";

    /// <summary>Counter of finished calls (a stream counts when it ends).</summary>
    public const string CallsMetric = "fabric.gateway.client.calls";

    /// <summary>Histogram of call durations in seconds, failover attempts included.</summary>
    public const string DurationMetric = "fabric.gateway.client.call.duration";

    /// <summary>Tag: the channel.</summary>
    public const string ChannelTag = "fabric.channel";

    /// <summary>Tag: the chaincode, when the step knows it (a commit status asked for by id does not).</summary>
    public const string ChaincodeTag = "fabric.chaincode";

    /// <summary>Tag: the transaction id (spans only; not on metrics).</summary>
    public const string TransactionIdTag = "fabric.transaction_id";

    /// <summary>Tag: the step, as <c>evaluate</c>, <c>endorse</c>, <c>submit</c>, <c>commit_status</c>, <c>chaincode_events</c>.</summary>
    public const string OperationTag = "fabric.operation";

    /// <summary>Tag: <c>ok</c>, <c>cancelled</c>, or the gRPC status code's name (<c>Unavailable</c>, <c>DeadlineExceeded</c>, ...).</summary>
    public const string OutcomeTag = "fabric.outcome";

    /// <summary>Tag on <c>fabric.commit_status</c> spans: the transaction's validation code (<c>Valid</c>, <c>MvccReadConflict</c>, ...).</summary>
    public const string ValidationCodeTag = "fabric.validation_code";
}
