namespace HealthRecords.Client.Tests.Network;

/// <summary>Who makes a call of an errors.json case, as its <c>how</c> says.</summary>
public enum CaseCaller
{
    /// <summary>hospital-doctor through Org1's gateway.</summary>
    Org1Doctor,

    /// <summary>clinic-doctor through Org2's gateway.</summary>
    Org2Doctor,

    /// <summary>A self-signed P-256 certificate (CN=rogue-user, issued by no channel CA) claiming Org1MSP, through Org1's gateway.</summary>
    RogueClaimingOrg1,

    /// <summary>The same certificate claiming RogueMSP, which is not in the channel, through Org1's gateway.</summary>
    RogueClaimingRogueMsp,

    /// <summary>peer0.org1's own signing identity (OU=peer), through Org1's gateway.</summary>
    Org1PeerIdentity,
}

/// <summary>How the conformance test reproduces one errors.json case on the dev network.</summary>
/// <param name="Caller">The identity and gateway.</param>
/// <param name="Operation">evaluate, submit, commit-status, commit-status-undecodable, mvcc-status or mvcc-submit (tests/interop/devnet/gateway-errors.js).</param>
/// <param name="Chaincode">The chaincode name the contract is for.</param>
/// <param name="Function">The transaction name; empty for commit status calls.</param>
public sealed record GatewayErrorCase(CaseCaller Caller, string Operation, string Chaincode, string Function)
{
    /// <summary>The call's deadline for commit status calls, as in the capture.</summary>
    public int DeadlineMs { get; init; } = 3000;

    /// <summary>The arguments: a JSON request, or a name of one the test fills in at run time (<c>&lt;add-record&gt;</c>, <c>&lt;vital-signs-record&gt;</c>).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The transaction id a commit status call asks for; null for a random one.</summary>
    public string? TransactionId { get; init; }

    /// <summary>
    /// Why the chaincode's own refusal text has changed since the captured chaincode, if it has: the detail
    /// message then has to start with the captured text (without its final full stop) instead of equalling it.
    /// </summary>
    public string? ChaincodeWordingChanged { get; init; }

    /// <summary>Whether only the gRPC code can be compared: the message is the client library's own deadline text.</summary>
    public bool CodeOnly { get; init; }
}
