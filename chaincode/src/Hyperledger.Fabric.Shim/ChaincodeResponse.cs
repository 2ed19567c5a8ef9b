namespace Hyperledger.Fabric.Shim;

/// <summary>
/// What a chaincode function returns to the peer: Fabric's <c>protos.Response</c>. A status below
/// 400 is endorsed; 400 and above is an error the peer reports to the client and never endorses.
/// </summary>
/// <param name="Status">HTTP-like status: <see cref="OkStatus"/> or <see cref="ErrorStatus"/> usually.</param>
/// <param name="Message">Error text for the client; empty on success.</param>
/// <param name="Payload">Bytes returned to the client.</param>
public sealed record ChaincodeResponse(int Status, string Message, ReadOnlyMemory<byte> Payload)
{
    /// <summary>Status of a successful function (200).</summary>
    public const int OkStatus = 200;

    /// <summary>Statuses at or above this (400) are errors the peer will not endorse.</summary>
    public const int ErrorThreshold = 400;

    /// <summary>Status of a failed function (500).</summary>
    public const int ErrorStatus = 500;

    /// <summary>True when <see cref="Status"/> is below <see cref="ErrorThreshold"/>.</summary>
    public bool IsSuccess => Status < ErrorThreshold;

    /// <summary>A 200 response carrying <paramref name="payload"/> (empty by default).</summary>
    public static ChaincodeResponse Success(ReadOnlyMemory<byte> payload = default) => new(OkStatus, string.Empty, payload);

    /// <summary>A 500 response with <paramref name="message"/> and an optional payload.</summary>
    public static ChaincodeResponse Error(string message, ReadOnlyMemory<byte> payload = default) =>
        new(ErrorStatus, message ?? string.Empty, payload);
}
