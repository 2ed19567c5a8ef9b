namespace Fabric.Grpc;

/// <summary>The outcome of a call: a status code and a human-readable detail.</summary>
/// <param name="StatusCode">The status code.</param>
/// <param name="Detail">The detail message (grpc-message); empty when there is none.</param>
public readonly record struct Status(StatusCode StatusCode, string Detail)
{
    /// <summary>The OK status with no detail.</summary>
    public static Status DefaultSuccess { get; } = new(StatusCode.OK, string.Empty);
}
