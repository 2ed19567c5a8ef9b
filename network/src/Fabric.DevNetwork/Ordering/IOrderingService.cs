using Hyperledger.Fabric.Protos.Common;

namespace Fabric.DevNetwork.Ordering;

/// <summary>The in-process ordering service of a channel (what Fabric's <c>Broadcast</c> reaches).</summary>
public interface IOrderingService
{
    /// <summary>
    /// Accepts a client-signed transaction envelope for ordering and returns once it is queued (like a
    /// SUCCESS Broadcast response), not when it commits: use
    /// <see cref="Ledger.IChannelLedger.WaitForCommitAsync"/> for that. The envelope's payload must
    /// parse, name this channel and be an ENDORSER_TRANSACTION; everything else is checked at
    /// validation and shows up as the transaction's validation code.
    /// </summary>
    /// <exception cref="OrdererRejectedException">The envelope was refused (BAD_REQUEST, too large, shut down).</exception>
    Task SubmitAsync(Envelope envelope, CancellationToken cancellationToken = default);
}
