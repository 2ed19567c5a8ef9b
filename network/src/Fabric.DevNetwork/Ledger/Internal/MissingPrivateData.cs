using Fabric.DevNetwork.Validation.Internal;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// One collection's private write set that a member peer committed a block without (Fabric's missing
/// data entry in its pvtdata store): the block's hashes say what it must match.
/// </summary>
/// <param name="BlockNumber">The block that holds the transaction.</param>
/// <param name="TxIndex">The transaction's index in that block.</param>
/// <param name="TxId">The transaction id (for logs).</param>
/// <param name="Hashes">The collection's hashed read-write set from the block.</param>
internal sealed record MissingPrivateData(ulong BlockNumber, ulong TxIndex, string TxId, CollectionHashes Hashes)
{
    public string Namespace => Hashes.Namespace;

    public string Collection => Hashes.Collection;
}
