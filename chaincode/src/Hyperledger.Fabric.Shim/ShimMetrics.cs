using System.Diagnostics.Metrics;

namespace Hyperledger.Fabric.Shim;

/// <summary>
/// The shim's instruments, on the <see cref="MeterName"/> meter (read them with a
/// <see cref="MeterListener"/>, OpenTelemetry or <c>dotnet-counters</c>). A round trip is one request
/// the transaction sent to the peer and waited for (GET_STATE, PUT_STATE, WRITE_BATCH_STATE, a query
/// page, ...); the COMPLETED message that ends the transaction is not one.
/// </summary>
public static class ShimMetrics
{
    /// <summary>The meter's name: <c>Hyperledger.Fabric.Shim</c>.</summary>
    public const string MeterName = "Hyperledger.Fabric.Shim";

    /// <summary>Histogram, one measurement per finished transaction: its round trips. Tagged <see cref="FunctionTag"/>.</summary>
    public const string TransactionRoundTrips = "fabric.shim.transaction.round_trips";

    /// <summary>Counter of requests sent to peers, tagged <see cref="MessageTypeTag"/> (e.g. <c>GET_STATE</c>).</summary>
    public const string PeerRequests = "fabric.shim.peer.requests";

    /// <summary>The tag naming the chaincode function (the transaction's first argument).</summary>
    public const string FunctionTag = "fabric.chaincode.function";

    /// <summary>The tag naming a request's message type.</summary>
    public const string MessageTypeTag = "fabric.chaincode.message_type";

    internal static readonly Meter Meter = new(MeterName);

    internal static readonly Histogram<int> RoundTrips = Meter.CreateHistogram<int>(
        TransactionRoundTrips, unit: "{round_trip}", description: "Requests a transaction sent to the peer and waited for.");

    internal static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        PeerRequests, unit: "{request}", description: "Requests sent to the peer, by message type.");
}
