using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Peers.Internal;

/// <summary>
/// What a peer's endorser returned for a proposal. <see cref="Error"/> is set when the proposal was
/// refused before simulation (bad signature, unknown channel, duplicate tx id): Fabric's endorser
/// then returns both a 500 response and an error, which its gateway reports as FAILED_PRECONDITION.
/// </summary>
internal sealed record EndorserResponse(ProposalResponse Response, string? Error);
