using Fabric.DevNetwork.Chaincode.Internal;
using Fabric.DevNetwork.Ledger;
using Hyperledger.Fabric.Identity;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Peers.Internal;

/// <summary>
/// A peer's endorser (Fabric's <c>ProcessProposal</c>): checks the proposal, simulates it on the
/// chaincode against a ledger snapshot, and signs the result with the peer's own identity.
/// </summary>
internal sealed partial class PeerEndorser : IAsyncDisposable
{
    private readonly PeerContext _context;
    private readonly IChannelLedger _ledger;
    private readonly string _peerName;
    private readonly ByteString _peerIdentity;
    private readonly string _mspId;
    private readonly ISigner _signer;
    private readonly ILogger _logger;
    private readonly Dictionary<string, ChaincodeConnection> _chaincodes;

    /// <param name="context">What the channel's peers share.</param>
    /// <param name="peerName">This peer's name, as the channel's private data hand-over knows it.</param>
    /// <param name="ledger">This peer's own ledger: simulations read its state, duplicates are looked up in it.</param>
    /// <param name="peerIdentity">The identity endorsements are signed as.</param>
    /// <param name="signer">Signs endorsements.</param>
    /// <param name="loggerFactory">Logs refusals.</param>
    public PeerEndorser(PeerContext context, string peerName, IChannelLedger ledger, X509Identity peerIdentity, ISigner signer, ILoggerFactory loggerFactory)
    {
        _context = context;
        _peerName = peerName;
        _ledger = ledger;
        _peerIdentity = ByteString.CopyFrom(peerIdentity.ToSerializedIdentity());
        _mspId = peerIdentity.MspId;
        _signer = signer;
        _logger = loggerFactory.CreateLogger<PeerEndorser>();
        var chaincodeLogger = loggerFactory.CreateLogger<ChaincodeConnection>();
        _chaincodes = context.Chaincodes.ToDictionary(
            c => c.Name,
            c => new ChaincodeConnection(c, context.ExecuteTimeout, chaincodeLogger),
            StringComparer.Ordinal);
    }

    /// <summary>Dials every chaincode of the channel now (see <see cref="ChaincodeConnection.EnsureConnectedAsync"/>).</summary>
    public Task ConnectChaincodesAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_chaincodes.Values.Select(c => c.EnsureConnectedAsync(cancellationToken)));

    /// <summary>
    /// Dials, as a starting Fabric 3.x peer does, each chaincode whose definition asks for it
    /// (<see cref="ChaincodeBatchingOptions.ConnectAtStartup"/>). A chaincode that cannot be reached is only
    /// logged: like Fabric's, the peer starts anyway and dials again on the next transaction.
    /// </summary>
    public Task ConnectAtStartupAsync(string peerName, CancellationToken cancellationToken) =>
        Task.WhenAll(_context.Chaincodes.Where(c => c.Batching is { ConnectAtStartup: true }).Select(async c =>
        {
            try
            {
                await _chaincodes[c.Name].EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ChaincodeExecutionException ex)
            {
                LogStartupConnectFailed(_logger, peerName, c.Name, ex.Message);
            }
        }));

    public Task<EndorserResponse> ProcessProposalAsync(SignedProposal signed, CancellationToken cancellationToken = default)
    {
        UnpackedProposal proposal;
        try
        {
            proposal = UnpackedProposal.Unpack(signed);
        }
        catch (FormatException ex)
        {
            return Task.FromResult(Refused(ex.Message));
        }

        return ProcessProposalAsync(proposal, cancellationToken);
    }

    /// <summary>
    /// Endorses a proposal the gateway has already unpacked: the peers share one process, so they share the
    /// parsed form (unpacking depends on the bytes alone), and each still makes every check of its own.
    /// </summary>
    public async Task<EndorserResponse> ProcessProposalAsync(UnpackedProposal proposal, CancellationToken cancellationToken = default)
    {
        var signed = proposal.Signed;
        var refusal = PreProcess(proposal);
        if (refusal is not null)
        {
            LogRefused(_logger, proposal.TxId, refusal);
            return Refused(refusal);
        }

        if (proposal.ChaincodeName == QuerySystemChaincode.Name)
        {
            // A system chaincode in the peer itself: no definition, no chaincode server.
            var query = await QuerySystemChaincode.ExecuteAsync(
                _ledger,
                proposal.InvocationSpec.ChaincodeSpec.Input,
                resource => CheckQsccAcl(resource, proposal),
                cancellationToken).ConfigureAwait(false);
            return await RespondAsync(proposal, query, new ChaincodeID { Name = QuerySystemChaincode.Name }, cancellationToken).ConfigureAwait(false);
        }

        var definition = _context.Chaincodes.FirstOrDefault(c => c.Name == proposal.ChaincodeName);
        if (definition is null || !_chaincodes.TryGetValue(definition.Name, out var connection))
        {
            return Failed($"make sure the chaincode {proposal.ChaincodeName} has been successfully defined on channel {proposal.ChannelId} and try again: chaincode definition for '{proposal.ChaincodeName}' not found");
        }

        ExecutionResult result;
        try
        {
            result = await connection.ExecuteAsync(
                proposal.ChannelId,
                proposal.TxId,
                signed,
                proposal.InputBytes,
                _ledger.GetSnapshot(),
                RulesFor(definition, proposal),
                new ChaincodeInvocation(signed, name => Resolve(name, proposal)),
                cancellationToken).ConfigureAwait(false);
        }
        catch (ChaincodeExecutionException ex)
        {
            LogSimulationFailed(_logger, proposal.TxId, ex.Message);
            return Failed("error in simulation: " + ex.Message);
        }
        catch (ObjectDisposedException)
        {
            // The peer was stopped while the proposal was in flight.
            return Failed("error in simulation: the peer is shutting down: " + ChaincodeProtocol.StreamTerminated);
        }

        if (result.PrivateWrites is not null && result.Response.Status < 400)
        {
            // Fabric's endorser disseminates the private write set before it endorses (requiredPeerCount
            // acknowledgements or no endorsement); the block will carry only its hashes.
            var undisseminated = _context.Transient.Disseminate(proposal.TxId, proposal.ChannelId, _peerName, result.PrivateWrites);
            if (undisseminated is not null)
            {
                LogSimulationFailed(_logger, proposal.TxId, undisseminated);
                return Failed("error in simulation: " + undisseminated);
            }
        }

        return await RespondAsync(proposal, result, new ChaincodeID { Name = definition.Name, Version = definition.Version }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The proposal response for a simulation's result: signed when the chaincode succeeded.</summary>
    private async Task<EndorserResponse> RespondAsync(UnpackedProposal proposal, ExecutionResult result, ChaincodeID chaincodeId, CancellationToken cancellationToken)
    {
        // Rule 7, as Fabric's endorser: a response at or above 400 is a refusal. Its event is dropped
        // (callChaincode); from 400 to 499 nothing but the response is returned; at 500 and above the
        // unsigned payload stays, which is how the gateway tells a chaincode error from a peer error.
        var status = result.Response.Status;
        if (status is >= 400 and < 500)
        {
            return new EndorserResponse(new ProposalResponse { Response = result.Response }, null);
        }

        var action = new ChaincodeAction
        {
            Results = result.ReadWriteSet.ToByteString(),
            Events = status < 400 ? result.Event?.ToByteString() ?? ByteString.Empty : ByteString.Empty,
            Response = result.Response,
            ChaincodeId = chaincodeId,
        };
        var payload = new ProposalResponsePayload { ProposalHash = proposal.ComputeProposalHash(), Extension = action.ToByteString() }.ToByteString();
        if (status >= 500)
        {
            return new EndorserResponse(new ProposalResponse { Response = result.Response, Payload = payload }, null);
        }

        var signedBytes = new byte[payload.Length + _peerIdentity.Length];
        payload.Span.CopyTo(signedBytes);
        _peerIdentity.Span.CopyTo(signedBytes.AsSpan(payload.Length));
        var signature = await _signer.SignAsync(Hashes.ForFamily(_context.Members.HashFamily)(signedBytes), cancellationToken).ConfigureAwait(false);
        var response = new ProposalResponse
        {
            Version = 1,
            Response = result.Response,
            Payload = payload,
            Endorsement = new Endorsement { Endorser = _peerIdentity, Signature = ByteString.CopyFrom(signature) },
            Interest = new ChaincodeInterest { Chaincodes = { new ChaincodeCall { Name = chaincodeId.Name } } },
        };
        return new EndorserResponse(response, null);
    }

    private CollectionRules RulesFor(ChaincodeDefinition definition, UnpackedProposal proposal) =>
        new(proposal.ChannelId, definition, _context.Members.MspIds, _mspId, _context.Members.KnownMspIdOf(proposal.SignatureHeader.Creator));

    /// <summary>A chaincode that another calls with InvokeChaincode.</summary>
    private (ChaincodeConnection, CollectionRules)? Resolve(string name, UnpackedProposal proposal)
    {
        var definition = _context.Chaincodes.FirstOrDefault(c => c.Name == name);
        return definition is not null && _chaincodes.TryGetValue(name, out var connection) ? (connection, RulesFor(definition, proposal)) : null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _chaincodes.Values)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static EndorserResponse Refused(string message) =>
        new(new ProposalResponse { Response = new Response { Status = 500, Message = message } }, message);

    private static EndorserResponse Failed(string message) =>
        new(new ProposalResponse { Response = new Response { Status = 500, Message = message } }, null);

    /// <summary>
    /// Fabric's endorser in its order: the channel, then the proposal's validation (header, creator and its
    /// signature, tx id), then duplicates, and only then the <c>peer/Propose</c> ACL of an application chaincode.
    /// </summary>
    private string? PreProcess(UnpackedProposal proposal)
    {
        if (!string.Equals(proposal.ChannelId, _ledger.ChannelId, StringComparison.Ordinal))
        {
            return $"channel '{proposal.ChannelId}' not found";
        }

        var type = (HeaderType)proposal.ChannelHeader.Type;
        if (type is not HeaderType.EndorserTransaction and not HeaderType.Config)
        {
            return $"error validating proposal: invalid header type {type}";
        }

        if (proposal.SignatureHeader.Nonce.IsEmpty || proposal.SignatureHeader.Creator.IsEmpty)
        {
            return "error validating proposal: invalid signature header: nonce and creator are required";
        }

        var creator = proposal.SignatureHeader.Creator;
        var problem = _context.Members.CheckSignedData(creator, proposal.Signed.ProposalBytes.Span, proposal.Signed.Signature, policyPath: null, out _);
        if (problem is not null)
        {
            // Fabric names the creator's org only when the creator deserializes against a channel MSP.
            LogAccessDenied(_logger, proposal.TxId, problem);
            var mspId = _context.Members.KnownMspIdOf(creator);
            return mspId is null
                ? $"error validating proposal: access denied: channel [{proposal.ChannelId}] creator org unknown, creator is malformed"
                : $"error validating proposal: access denied: channel [{proposal.ChannelId}] creator org [{mspId}]";
        }

        var expected = TransactionIds.Compute(proposal.SignatureHeader.Nonce, creator);
        if (!string.Equals(proposal.TxId, expected, StringComparison.Ordinal))
        {
            return $"error validating proposal: incorrectly computed txid '{proposal.TxId}' -- expected '{expected}'";
        }

        if (_ledger.FindTransaction(proposal.TxId) is not null)
        {
            return $"duplicate transaction found [{proposal.TxId}]. Creator [{Convert.ToHexStringLower(creator.Span)}]";
        }

        // peer/Propose guards application chaincodes only; a system chaincode checks its own resource's ACL.
        if (proposal.ChaincodeName == QuerySystemChaincode.Name)
        {
            return null;
        }

        problem = _context.Members.CheckAclOfVerifiedCreator(ChannelAcls.PeerPropose, creator, out var policy, out var policyUnsatisfied);
        if (problem is not null)
        {
            LogAccessDenied(_logger, proposal.TxId, problem);
            return policyUnsatisfied ? policy.Refusal(proposal.ChannelId, problem) : problem;
        }

        return null;
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Proposal {TxId} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string txId, string reason);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Access denied for proposal {TxId}: {Reason}")]
    private static partial void LogAccessDenied(ILogger logger, string txId, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Simulation of {TxId} failed: {Reason}")]
    private static partial void LogSimulationFailed(ILogger logger, string txId, string reason);

    // A qscc function's ACL; an unknown function has no ACL at all, which Fabric's default provider refuses.
    private string? CheckQsccAcl(string resource, UnpackedProposal proposal)
    {
        try
        {
            // PreProcess has verified the creator's signature; only the policy is left to check.
            return _context.Members.CheckAclOfVerifiedCreator(resource, proposal.SignatureHeader.Creator, out var acl, out var unsatisfied) is { } reason
                ? acl.Refusal(proposal.ChannelId, unsatisfied ? reason : acl.NoSubPolicySatisfied())
                : null;
        }
        catch (InvalidOperationException unmapped)
        {
            return unmapped.Message;
        }
    }

    // In the chaincode range (3000s): it is about the chaincode's connection, as 3001-3004 are.
    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Peer {Peer} could not connect to chaincode {Name} at start-up; it dials again on the next transaction: {Reason}")]
    private static partial void LogStartupConnectFailed(ILogger logger, string peer, string name, string reason);
}
