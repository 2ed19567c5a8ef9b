using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>
/// What a simulation needs to answer INVOKE_CHAINCODE: the proposal the called chaincode runs under
/// (same tx id, same creator) and the peer's chaincodes of this channel.
/// </summary>
/// <param name="Proposal">The signed proposal of the transaction.</param>
/// <param name="Resolve">A chaincode of the channel by name, with its collection checks for this proposal; null when not defined.</param>
internal sealed record ChaincodeInvocation(SignedProposal Proposal, Func<string, (ChaincodeConnection Connection, CollectionRules Rules)?> Resolve);
