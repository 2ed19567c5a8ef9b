using Fabric.DevNetwork.Peers.Internal;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Peer;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Gateway.Internal;

/// <summary>
/// One peer's <c>gateway.Gateway</c> service, following Fabric's internal/pkg/gateway: Evaluate on one
/// peer, Endorse on the peers the endorsement policy needs, Submit to the orderer, CommitStatus and
/// ChaincodeEvents from the ledger. Other peers are called in-process instead of over gRPC.
/// </summary>
internal sealed partial class GatewayService : Hyperledger.Fabric.Protos.Gateway.Gateway.GatewayBase
{
    private readonly PeerNode _local;
    private readonly PeerRegistry _registry;
    private readonly PeerContext _context;
    private static readonly Status Stopping = new(StatusCode.Unavailable, "the peer is stopping");

    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;

    /// <param name="stopping">Fires when the peer stops: in-flight calls then end with UNAVAILABLE, as on a Fabric peer going down.</param>
    public GatewayService(PeerNode local, PeerRegistry registry, PeerContext context, ILogger logger, CancellationToken stopping)
    {
        _local = local;
        _registry = registry;
        _context = context;
        _logger = logger;
        _stopping = stopping;
    }

    public override Task<EvaluateResponse> Evaluate(EvaluateRequest request, ServerCallContext context) => GuardAsync(token => EvaluateAsync(request, token), context);

    public override Task<EndorseResponse> Endorse(EndorseRequest request, ServerCallContext context) => GuardAsync(token => EndorseAsync(request, token), context);

    public override Task<SubmitResponse> Submit(SubmitRequest request, ServerCallContext context) => GuardAsync(token => SubmitAsync(request, context.Deadline, token), context);

    public override Task<CommitStatusResponse> CommitStatus(SignedCommitStatusRequest request, ServerCallContext context) => GuardAsync(token => CommitStatusAsync(request, token), context);

    public override Task ChaincodeEvents(SignedChaincodeEventsRequest request, IServerStreamWriter<ChaincodeEventsResponse> responseStream, ServerCallContext context) =>
        GuardAsync(async token =>
        {
            await ChaincodeEventsAsync(request, responseStream, token).ConfigureAwait(false);
            return true;
        }, context);

    /// <summary>Runs a call with a token that also fires when the peer stops; a call cut short by stopping ends with UNAVAILABLE.</summary>
    private async Task<T> GuardAsync<T>(Func<CancellationToken, Task<T>> call, ServerCallContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _stopping);
        try
        {
            return await call(linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (_stopping.IsCancellationRequested && e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            throw new RpcException(Stopping);
        }
    }

    private async Task<EvaluateResponse> EvaluateAsync(EvaluateRequest request, CancellationToken cancellationToken)
    {
        UnpackedProposal proposal;
        try
        {
            proposal = UnpackedProposal.Unpack(request.ProposedTransaction);
        }
        catch (FormatException ex)
        {
            throw GatewayErrors.Create(StatusCode.InvalidArgument, "failed to unpack transaction proposal: " + ex.Message);
        }

        RequireChannel(proposal.ChannelId, StatusCode.Unavailable);
        if (!IsDefined(proposal.ChaincodeName))
        {
            // Fabric's gateway finds no endorsers for a chaincode without a definition before it calls any peer.
            throw GatewayErrors.Create(StatusCode.FailedPrecondition, $"no peers available to evaluate chaincode {proposal.ChaincodeName} in channel {proposal.ChannelId}");
        }

        var candidates = EvaluationCandidates(request.TargetOrganizations, proposal.ChaincodeName);
        var details = new List<ErrorDetail>();
        foreach (var peer in candidates)
        {
            var endorser = peer.Endorser;
            if (endorser is null)
            {
                continue;
            }

            var answer = await endorser.ProcessProposalAsync(proposal, cancellationToken).ConfigureAwait(false);
            var (code, message, retry) = GatewayErrors.Classify(answer.Response, answer.Error);
            if (code == StatusCode.OK)
            {
                var result = answer.Response.Response.Clone();
                if (TryGetResult(answer.Response, out var payload))
                {
                    result.Payload = payload;
                }

                return new EvaluateResponse { Result = result };
            }

            details.Add(GatewayErrors.Detail(peer.Endpoint, peer.MspId, message));
            if (!retry)
            {
                throw GatewayErrors.Create(code, "evaluate call to endorser returned error: " + message, details);
            }
        }

        if (details.Count == 0)
        {
            throw GatewayErrors.Create(StatusCode.FailedPrecondition, $"no peers available to evaluate chaincode {proposal.ChaincodeName} in channel {proposal.ChannelId}");
        }

        throw GatewayErrors.Create(StatusCode.Aborted, "failed to evaluate transaction, see attached details for more info", details);
    }

    /// <summary>The local peer first, then other running peers (of the target organisations, when named).</summary>
    private List<PeerNode> EvaluationCandidates(IReadOnlyCollection<string> targetOrganizations, string chaincode)
    {
        var peers = _registry.All.Where(p => p.IsRunning)
            .Where(p => targetOrganizations.Count == 0 || targetOrganizations.Contains(p.MspId))
            .OrderBy(p => p == _local ? 0 : p.MspId == _local.MspId ? 1 : 2)
            .ToList();
        if (peers.Count == 0)
        {
            var orgs = targetOrganizations.Count == 0 ? "any organization" : string.Join(", ", targetOrganizations);
            throw GatewayErrors.Create(StatusCode.FailedPrecondition, $"no peers available to evaluate chaincode {chaincode} in channel {_local.Ledger.ChannelId} for {orgs}");
        }

        return peers;
    }

    /// <summary>Whether the channel has a definition for the chaincode, or it is a system chaincode the peer runs itself.</summary>
    private bool IsDefined(string chaincode) =>
        chaincode == QuerySystemChaincode.Name || _context.Chaincodes.Any(c => string.Equals(c.Name, chaincode, StringComparison.Ordinal));

    /// <summary>Fabric answers an unknown channel with UNAVAILABLE at Evaluate and FAILED_PRECONDITION at Endorse.</summary>
    private void RequireChannel(string channelId, StatusCode code)
    {
        if (!string.Equals(channelId, _local.Ledger.ChannelId, StringComparison.Ordinal))
        {
            throw GatewayErrors.Create(code, $"channel '{channelId}' not found");
        }
    }

    /// <summary>The transaction result from the proposal response payload (Fabric prefers it to Response.payload).</summary>
    private static bool TryGetResult(ProposalResponse response, out Google.Protobuf.ByteString payload)
    {
        payload = Google.Protobuf.ByteString.Empty;
        try
        {
            var prp = ProposalResponsePayload.Parser.ParseFrom(response.Payload);
            var action = ChaincodeAction.Parser.ParseFrom(prp.Extension);
            if (action.Response is null)
            {
                return false;
            }

            payload = action.Response.Payload;
            return true;
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            return false;
        }
    }
}
