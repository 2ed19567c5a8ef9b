namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// A signed-or-to-be-signed request for chaincode events (the official clients' <c>ChaincodeEventsRequest</c>).
/// Without a signer, sign <see cref="Digest"/> elsewhere and restore it with
/// <see cref="IGateway.NewSignedChaincodeEventsRequest"/>.
/// </summary>
public interface IChaincodeEventsRequest
{
    /// <summary>The serialised request (<c>gateway.SignedChaincodeEventsRequest</c>), with its signature if it has one.</summary>
    ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The digest to sign: the configured hash of the request.</summary>
    ReadOnlyMemory<byte> Digest { get; }

    /// <summary>Opens the stream; leaving the loop closes it.</summary>
    /// <param name="cancellationToken">Ends the stream; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="GatewayException">The stream failed.</exception>
    /// <exception cref="InvalidOperationException">The request is unsigned and no signer is configured.</exception>
    IAsyncEnumerable<ChaincodeEvent> GetEventsAsync(CancellationToken cancellationToken = default);

    /// <inheritdoc cref="GetEventsAsync(CancellationToken)" />
    /// <param name="callOptions">
    /// Deadline (replacing <see cref="GatewayOptions.ChaincodeEventsTimeout"/>) and headers of the stream; null for
    /// <see cref="ChaincodeEventsOptions.CallOptions"/> of the request, or the defaults.
    /// </param>
    /// <param name="cancellationToken">Ends the stream; surfaces as <see cref="OperationCanceledException"/>.</param>
    IAsyncEnumerable<ChaincodeEvent> GetEventsAsync(GatewayCallOptions? callOptions, CancellationToken cancellationToken = default);
}
