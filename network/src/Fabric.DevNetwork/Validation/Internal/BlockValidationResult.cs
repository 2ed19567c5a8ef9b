using Fabric.DevNetwork.Ledger.Internal;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Validation.Internal;

/// <summary>The outcome of validating one block: a code per transaction and the writes to apply.</summary>
internal sealed record BlockValidationResult(
    TxValidationCode[] Codes,
    IReadOnlyList<ParsedTransaction> Transactions,
    IReadOnlyList<KeyUpdate> Updates);
