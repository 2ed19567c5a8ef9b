using Fabric.DevNetwork.Policies;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Validation.Internal;

/// <summary>
/// A block after the validation pass that needs no ledger state (parsing, creator and endorsement
/// signatures). Codes other than VALID are final; VALID ones still face the in-order pass.
/// </summary>
/// <param name="Block">The block as the orderer cut it (the peer's own copy).</param>
/// <param name="Transactions">Each envelope, parsed.</param>
/// <param name="Codes">The code each transaction has so far.</param>
/// <param name="Signers">The verified endorsers of each transaction still VALID; null for the others.</param>
internal sealed record PreparedBlock(
    Block Block,
    IReadOnlyList<ParsedTransaction> Transactions,
    TxValidationCode[] Codes,
    IReadOnlyList<List<PolicyIdentity>?> Signers);
