using System.Text.Json;
using Hyperledger.Fabric.Gateway;

namespace HealthRecords.Client.Tests.Network;

/// <summary>
/// What one call ended with, in the fields errors.json records: success, or the error's class (the Node
/// client's names), gRPC code, message, per-endpoint details, transaction id and cause; or, for the
/// fine-grained MVCC case, the commit statuses.
/// </summary>
public sealed record GatewayErrorOutcome
{
    /// <summary>The call succeeded.</summary>
    public bool Ok { get; init; }

    /// <summary>GatewayError, EndorseError, SubmitError, CommitStatusError or CommitError.</summary>
    public string? ErrorClass { get; init; }

    /// <summary>The gRPC status code of the failed Gateway RPC.</summary>
    public int? GrpcCode { get; init; }

    /// <summary>A CommitError's transaction validation code.</summary>
    public int? CommitStatusCode { get; init; }

    /// <summary>The client's message; null where the client words it its own way (ours).</summary>
    public string? Message { get; init; }

    /// <summary>The status message the peer sent (the Node error's <c>cause.details</c>).</summary>
    public string? StatusDetail { get; init; }

    /// <summary>The endpoint details: address, mspId, message.</summary>
    public IReadOnlyList<(string Address, string MspId, string Message)> Details { get; init; } = [];

    /// <summary>The transaction id the error names, if it names one.</summary>
    public string? TransactionId { get; init; }

    /// <summary>The commit statuses (code, successful, transaction id), for calls that read them.</summary>
    public IReadOnlyList<(int Code, bool Successful, string TransactionId)>? Statuses { get; init; }

    /// <summary>One entry of errors.json, or one outcome line of tests/interop/devnet/gateway-errors.js: the same field names.</summary>
    public static GatewayErrorOutcome FromJson(JsonElement json)
    {
        if (json.TryGetProperty("statuses", out var statuses))
        {
            return new GatewayErrorOutcome
            {
                Ok = true,
                Statuses = statuses.EnumerateArray()
                    .Select(s => (s.GetProperty("code").GetInt32(), s.GetProperty("successful").GetBoolean(), s.GetProperty("transactionId").GetString() ?? ""))
                    .ToList(),
            };
        }

        if (json.TryGetProperty("result", out _))
        {
            return new GatewayErrorOutcome { Ok = true };
        }

        return new GatewayErrorOutcome
        {
            ErrorClass = Text(json, "errorClass"),
            GrpcCode = Number(json, "grpcCode"),
            CommitStatusCode = Number(json, "commitStatusCode"),
            Message = Text(json, "message"),
            StatusDetail = json.TryGetProperty("cause", out var cause) && cause.ValueKind == JsonValueKind.Object ? Text(cause, "details") : null,
            Details = json.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array
                ? details.EnumerateArray().Select(d => (Text(d, "address") ?? "", Text(d, "mspId") ?? "", Text(d, "message") ?? "")).ToList()
                : [],
            TransactionId = Text(json, "transactionId"),
        };
    }

    /// <summary>Our client's exception in the same terms.</summary>
    public static GatewayErrorOutcome FromException(Exception error) => error switch
    {
        CommitException commit => new GatewayErrorOutcome
        {
            ErrorClass = "CommitError",
            CommitStatusCode = (int)commit.Code,
            TransactionId = commit.TransactionId,
        },
        GatewayException gateway => new GatewayErrorOutcome
        {
            ErrorClass = gateway switch
            {
                EndorseException => "EndorseError",
                SubmitException => "SubmitError",
                CommitStatusException => "CommitStatusError",
                _ => "GatewayError",
            },
            GrpcCode = (int)gateway.StatusCode,
            StatusDetail = gateway.GrpcStatus.Detail,
            Details = gateway.Details.Select(d => (d.Address, d.MspId, d.Message)).ToList(),
            TransactionId = (gateway as TransactionException)?.TransactionId,
        },
        _ => new GatewayErrorOutcome { ErrorClass = error.GetType().Name, Message = error.Message },
    };

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;
}
