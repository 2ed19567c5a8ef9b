using Hyperledger.Fabric.Gateway.Internal;

namespace Hyperledger.Fabric.Gateway;

/// <summary>Creates gateways (the official clients' <c>client.Connect</c> / <c>connect</c>).</summary>
public static class Gateway
{
    /// <summary>
    /// Validates <paramref name="options"/> and creates a gateway. No network I/O happens here: connections
    /// open on the first call, so an unreachable endpoint surfaces as a <see cref="GatewayException"/>
    /// (<see cref="global::Grpc.Core.StatusCode.Unavailable"/>) from that call.
    /// </summary>
    /// <param name="options">Identity, signer, endpoints, timeouts, logging.</param>
    /// <returns>The gateway; dispose it to close the connections it opened.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">No identity; neither or both of endpoints and channel; an endpoint without an
    /// address; a timeout that is zero or negative (other than infinite); no hash function.</exception>
    public static IGateway Connect(GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Identity is null)
        {
            throw new ArgumentException("GatewayOptions.Identity is required: the client identity every request is made as.", nameof(options));
        }

        if (string.IsNullOrEmpty(options.Identity.MspId) || options.Identity.Credentials.IsEmpty)
        {
            throw new ArgumentException("GatewayOptions.Identity needs an MSP id and a certificate.", nameof(options));
        }

        if (options.Hash is null)
        {
            throw new ArgumentException("GatewayOptions.Hash is required.", nameof(options));
        }

        var endpoints = options.Endpoints ?? [];
        var sources = (endpoints.Count > 0 ? 1 : 0) + (options.Channel is null ? 0 : 1) + ((options.Channels ?? []).Count > 0 ? 1 : 0) + ((options.CallInvokers ?? []).Count > 0 ? 1 : 0);
        if (sources == 0)
        {
            throw new ArgumentException("Give GatewayOptions.Endpoints, Channel, Channels or CallInvokers (one or more connections).", nameof(options));
        }

        if (sources > 1)
        {
            throw new ArgumentException("Give only one of GatewayOptions.Endpoints, Channel, Channels and CallInvokers.", nameof(options));
        }

        if ((options.Channels ?? []).Any(c => c is null) || (options.CallInvokers ?? []).Any(c => c is null))
        {
            throw new ArgumentException("GatewayOptions.Channels and CallInvokers must not hold null.", nameof(options));
        }

        foreach (var endpoint in endpoints)
        {
            if (endpoint is null || string.IsNullOrWhiteSpace(endpoint.Address))
            {
                throw new ArgumentException("Every GatewayEndpoint needs an Address.", nameof(options));
            }

            GatewayChannels.ParseAddress(endpoint.Address, nameof(options));
        }

        CheckTimeout(options.EvaluateTimeout, nameof(options.EvaluateTimeout));
        CheckTimeout(options.EndorseTimeout, nameof(options.EndorseTimeout));
        CheckTimeout(options.SubmitTimeout, nameof(options.SubmitTimeout));
        CheckTimeout(options.CommitStatusTimeout, nameof(options.CommitStatusTimeout));
        CheckTimeout(options.ChaincodeEventsTimeout, nameof(options.ChaincodeEventsTimeout));
        CheckTimeout(options.BlockEventsTimeout, nameof(options.BlockEventsTimeout));
        CheckTimeout(options.ConnectTimeout, nameof(options.ConnectTimeout));
        return new GatewayImpl(options);
    }

    private static void CheckTimeout(TimeSpan timeout, string name)
    {
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"GatewayOptions.{name} must be positive or Timeout.InfiniteTimeSpan, not {timeout}.", name);
        }
    }
}
