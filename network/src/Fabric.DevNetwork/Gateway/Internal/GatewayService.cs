using Fabric.DevNetwork.Peers.Internal;
using Fabric.Grpc;
using Fabric.Grpc.Server;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Peer;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Gateway.Internal;

/// <summary>
/// One peer's <c>gateway.Gateway</c> service, following Fabric's internal/pkg/gateway: Evaluate on one
/// peer, Endorse on the peers the endorsement policy needs, Submit to the orderer, CommitStatus and
/// ChaincodeEvents from the ledger. Other peers are called in-process instead of over gRPC.
/// </summary>
internal sealed partial class GatewayService
{
    private readonly PeerNode _local;
    private readonly PeerRegistry _registry;
    private readonly PeerContext _context;
    private readonly ILogger _logger;

    public GatewayService(PeerNode local, PeerRegistry registry, PeerContext context, ILogger logger)
    {
        _local = local;
        _registry = registry;
        _context = context;
        _logger = logger;
    }

    public void Register(GrpcServer server)
    {
        server.AddUnary(GatewayMethods.Evaluate, EvaluateAsync);
        server.AddUnary(GatewayMethods.Endorse, EndorseAsync);
        server.AddUnary(GatewayMethods.Submit, SubmitAsync);
        server.AddUnary(GatewayMethods.CommitStatus, CommitStatusAsync);
        server.AddServerStreaming(GatewayMethods.ChaincodeEvents, ChaincodeEventsAsync);
    }

    private async Task<EvaluateResponse> EvaluateAsync(EvaluateRequest request, ServerCallContext call)
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
        var candidates = EvaluationCandidates(request.TargetOrganizations, proposal.ChaincodeName);
        var details = new List<ErrorDetail>();
        foreach (var peer in candidates)
        {
            var endorser = peer.Endorser;
            if (endorser is null)
            {
                continue;
            }

            var answer = await endorser.ProcessProposalAsync(request.ProposedTransaction, call.CancellationToken).ConfigureAwait(false);
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
            throw GatewayErrors.Create(StatusCode.FailedPrecondition, $"no peers available to evaluate chaincode {chaincode} in channel {_context.Ledger.ChannelId} for {orgs}");
        }

        return peers;
    }

    /// <summary>Fabric answers an unknown channel with UNAVAILABLE at Evaluate and FAILED_PRECONDITION at Endorse.</summary>
    private void RequireChannel(string channelId, StatusCode code)
    {
        if (!string.Equals(channelId, _context.Ledger.ChannelId, StringComparison.Ordinal))
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
