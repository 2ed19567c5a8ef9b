namespace Fabric.DevNetwork.Ledger;

/// <summary>
/// The version of a committed key: the block and the transaction within that block that last wrote
/// it (Fabric's <c>kvrwset.Version</c>). Simulation records it in <c>KVRead.version</c>; validation
/// compares it with the committed one.
/// </summary>
/// <param name="BlockNumber">The block that wrote the key.</param>
/// <param name="TransactionNumber">The transaction's index within that block.</param>
public readonly record struct StateVersion(ulong BlockNumber, ulong TransactionNumber);
