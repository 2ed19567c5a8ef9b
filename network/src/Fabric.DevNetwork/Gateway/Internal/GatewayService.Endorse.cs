using Fabric.DevNetwork.Peers.Internal;
using Grpc.Core;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Peer;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Gateway.Internal;

internal sealed partial class GatewayService
{
    private async Task<EndorseResponse> EndorseAsync(EndorseRequest request, CancellationToken cancellationToken)
    {
        UnpackedProposal proposal;
        try
        {
            proposal = UnpackedProposal.Unpack(request.ProposedTransaction);
        }
        catch (FormatException ex)
        {
            throw GatewayErrors.Create(StatusCode.InvalidArgument, ex.Message);
        }

        RequireChannel(proposal.ChannelId, StatusCode.FailedPrecondition);
        if (!IsDefined(proposal.ChaincodeName))
        {
            // Fabric's endorsement plan comes from discovery, which has no metadata for an undefined chaincode.
            throw GatewayErrors.Create(
                StatusCode.FailedPrecondition,
                $"no combination of peers can be derived which satisfy the endorsement policy: No metadata was found for chaincode {proposal.ChaincodeName} in channel {proposal.ChannelId}");
        }

        // Unpacked once for all endorsing peers (one process); each peer still checks it as its own.
        var endorsed = new List<(PeerNode Peer, ProposalResponse Response)>();
        var details = new List<ErrorDetail>();
        List<PeerNode> remaining;
        if (request.EndorsingOrganizations.Count > 0)
        {
            // The client chose the organisations and answers for the policy being met.
            remaining = [];
            var missing = new List<string>();
            foreach (var org in request.EndorsingOrganizations.Distinct())
            {
                var peer = _registry.RunningPeerOf(org, _local);
                if (peer is null)
                {
                    missing.Add(org);
                }
                else
                {
                    remaining.Add(peer);
                }
            }

            if (missing.Count > 0)
            {
                throw GatewayErrors.Create(StatusCode.Unavailable, $"failed to find any endorsing peers for org(s): {string.Join(", ", missing)}");
            }
        }
        else
        {
            // Like Fabric: endorse on the gateway's own peer first, then ask the policy who else is needed.
            var first = await EndorseOnAsync(_local, proposal, cancellationToken).ConfigureAwait(false);
            if (first.Error is not null)
            {
                details.Add(first.Error);
                throw GatewayErrors.Create(StatusCode.Aborted, "failed to endorse transaction, see attached details for more info", details);
            }

            endorsed.Add((_local, first.Response!));
            var policy = _context.Policies.TryGetValue(proposal.ChaincodeName, out var p) ? p : _context.DefaultPolicy;
            var orgs = policy.FindEndorsingOrganizations(_registry.AvailableOrganizations(_local.MspId), _context.Members.MspIds);
            if (orgs is null)
            {
                throw GatewayErrors.Create(StatusCode.FailedPrecondition, $"no combination of peers can be derived which satisfy the endorsement policy of chaincode {proposal.ChaincodeName} on channel {proposal.ChannelId}");
            }

            remaining = orgs.Where(o => o != _local.MspId).Select(o => _registry.RunningPeerOf(o)!).ToList();
        }

        var results = await Task.WhenAll(remaining.Select(peer => EndorseOnAsync(peer, proposal, cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < remaining.Count; i++)
        {
            if (results[i].Error is { } error)
            {
                details.Add(error);
            }
            else
            {
                endorsed.Add((remaining[i], results[i].Response!));
            }
        }

        var expected = endorsed.Count > 0 ? endorsed[0].Response.Payload : ByteString.Empty;
        foreach (var (peer, response) in endorsed.Skip(1))
        {
            if (!response.Payload.Equals(expected))
            {
                details.Add(GatewayErrors.Detail(peer.Endpoint, peer.MspId, "ProposalResponsePayloads do not match"));
            }
        }

        if (details.Count > 0 || endorsed.Count == 0)
        {
            LogEndorseFailed(_logger, proposal.TxId, details.Count);
            throw GatewayErrors.Create(StatusCode.Aborted, "failed to collect enough transaction endorsements, see attached details for more info", details);
        }

        var envelope = PrepareTransaction(proposal, expected, endorsed.Select(e => e.Response.Endorsement));
        return new EndorseResponse { PreparedTransaction = envelope };
    }

    private async Task<(ProposalResponse? Response, ErrorDetail? Error)> EndorseOnAsync(PeerNode peer, UnpackedProposal proposal, CancellationToken cancellationToken)
    {
        var endorser = peer.Endorser;
        if (endorser is null)
        {
            return (null, GatewayErrors.Detail(peer.Endpoint, peer.MspId, "endorser is not available: connection refused"));
        }

        var answer = await endorser.ProcessProposalAsync(proposal, cancellationToken).ConfigureAwait(false);
        var (code, message, _) = GatewayErrors.Classify(answer.Response, answer.Error);
        return code == StatusCode.OK ? (answer.Response, null) : (null, GatewayErrors.Detail(peer.Endpoint, peer.MspId, message));
    }

    /// <summary>
    /// The unsigned transaction envelope, assembled as Fabric's gateway does: the proposal's header, and
    /// one action carrying the proposal payload without transient data and the endorsed response.
    /// </summary>
    private static Envelope PrepareTransaction(UnpackedProposal proposal, ByteString responsePayload, IEnumerable<Endorsement> endorsements)
    {
        var action = new ChaincodeEndorsedAction { ProposalResponsePayload = responsePayload };
        action.Endorsements.AddRange(endorsements.DistinctBy(e => e.Endorser));
        var actionPayload = new ChaincodeActionPayload { ChaincodeProposalPayload = proposal.PayloadWithoutTransient(), Action = action };
        var transaction = new Transaction
        {
            Actions = { new TransactionAction { Header = proposal.Header.SignatureHeader, Payload = actionPayload.ToByteString() } },
        };
        var payload = new Payload { Header = proposal.Header, Data = transaction.ToByteString() };
        return new Envelope { Payload = payload.ToByteString() };
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Endorsement of {TxId} failed at {Count} endpoint(s)")]
    private static partial void LogEndorseFailed(ILogger logger, string txId, int count);
}
