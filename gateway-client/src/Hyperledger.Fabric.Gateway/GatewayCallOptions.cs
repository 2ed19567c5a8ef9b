using Grpc.Core;

namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// Options for one call of one step (the official Node client's per-call <c>CallOptions</c>): a deadline
/// that replaces the gateway's default timeout for that step, and headers sent with the call.
/// Cancellation is the step's <see cref="CancellationToken"/>; both apply.
/// </summary>
public sealed record GatewayCallOptions
{
    /// <summary>
    /// When the call must finish, in UTC. Replaces the step's default timeout from <see cref="GatewayOptions"/>
    /// (later or earlier); on a failover the next endpoint has what is left of it. Null for the default timeout. Default null.
    /// </summary>
    public DateTime? Deadline { get; init; }

    /// <summary>Headers (gRPC metadata) sent with the call, for example a correlation id. Null for none. Default null.</summary>
    public Metadata? Headers { get; init; }

    /// <summary>Options whose deadline is <paramref name="timeout"/> from now.</summary>
    /// <param name="timeout">The time the call may take; positive.</param>
    /// <returns>Options with <see cref="Deadline"/> set.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is not positive.</exception>
    public static GatewayCallOptions WithTimeout(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        return new GatewayCallOptions { Deadline = DateTime.UtcNow + timeout };
    }
}
