namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// A signed-or-to-be-signed request for block events of one form (the official clients'
/// <c>BlockEventsRequest</c>, <c>FilteredBlockEventsRequest</c>, <c>BlockAndPrivateDataEventsRequest</c>):
/// a DELIVER_SEEK_INFO envelope for the peer's Deliver service. Without a signer, sign <see cref="Digest"/>
/// elsewhere and restore it with <see cref="IGateway.NewSignedBlockEventsRequest"/> (or the filtered and
/// private-data forms). The peer refuses a request signed more than 15 minutes before it is sent.
/// </summary>
/// <typeparam name="TEvent">
/// <see cref="Protos.Common.Block"/>, <see cref="Protos.Peer.FilteredBlock"/> or <see cref="Protos.Peer.BlockAndPrivateData"/>.
/// </typeparam>
public interface IBlockEventsRequest<TEvent>
    where TEvent : class
{
    /// <summary>The serialised <c>common.Envelope</c>, with its signature if it has one.</summary>
    ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The digest to sign: the configured hash of the envelope's payload.</summary>
    ReadOnlyMemory<byte> Digest { get; }

    /// <summary>Opens the stream; blocks arrive in order; leaving the loop closes it.</summary>
    /// <param name="cancellationToken">Ends the stream; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="GatewayException">
    /// The stream failed, or the peer answered with a deliver status (FORBIDDEN as PermissionDenied,
    /// BAD_REQUEST as InvalidArgument, NOT_FOUND as NotFound, SERVICE_UNAVAILABLE as Unavailable).
    /// </exception>
    /// <exception cref="InvalidOperationException">The request is unsigned and no signer is configured.</exception>
    IAsyncEnumerable<TEvent> GetEventsAsync(CancellationToken cancellationToken = default);

    /// <inheritdoc cref="GetEventsAsync(CancellationToken)" />
    /// <param name="callOptions">
    /// Deadline (replacing <see cref="GatewayOptions.BlockEventsTimeout"/>) and headers of the stream; null for
    /// <see cref="BlockEventsOptions.CallOptions"/> of the request, or the defaults.
    /// </param>
    /// <param name="cancellationToken">Ends the stream; surfaces as <see cref="OperationCanceledException"/>.</param>
    IAsyncEnumerable<TEvent> GetEventsAsync(GatewayCallOptions? callOptions, CancellationToken cancellationToken = default);
}
