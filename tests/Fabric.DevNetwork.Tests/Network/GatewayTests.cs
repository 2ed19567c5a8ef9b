using Fabric.DevNetwork.Tests.Network.Support;
using Hyperledger.Fabric.Identity;
using Google.Protobuf;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Orderer;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Network;

/// <summary>The Gateway service's checks and error statuses, driven by a hand-built client.</summary>
[Collection(DevNetworkCollection.Name)]
public sealed class GatewayTests(DevNetworkFixture fixture) : IDisposable
{
    private const string Org1Peer = "peer0.org1.example.com";
    private readonly RawGatewayClient _client = new(fixture.Network, Org1Peer);

    // Chaincode events name patients and actors, so our configtx.yaml's ACL keeps them for admins and peers.
    private readonly RawGatewayClient _admin = new(fixture.Network, Org1Peer, "Admin");

    [Fact]
    public async Task Endorse_BadClientSignature_AbortedWithAccessDeniedDetail()
    {
        var (proposal, txId) = _client.CreateProposal("devnetcc", "put", "badsig", "x");
        proposal.Signature = _client.Sign(ByteString.CopyFromUtf8("not the proposal"));

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.EndorseAsync(proposal, txId)).WithTimeout();

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        var detail = Assert.Single(Details(error));
        Assert.Equal("Org1MSP", detail.MspId);
        Assert.Equal("error validating proposal: access denied: channel [healthchannel] creator org [Org1MSP]", detail.Message);
    }

    [Fact]
    public async Task Evaluate_BadClientSignature_FailedPrecondition()
    {
        var (proposal, txId) = _client.CreateProposal("devnetcc", "get", "badsig");
        proposal.Signature = _client.Sign(ByteString.CopyFromUtf8("not the proposal"));

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.EvaluateAsync(proposal, txId)).WithTimeout();

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("evaluate call to endorser returned error: error validating proposal: access denied: channel [healthchannel] creator org [Org1MSP]", error.Status.Detail);
    }

    [Fact]
    public async Task Evaluate_PeerIdentityAsCreator_FailedPreconditionNamingWritersPolicyLikeFabric()
    {
        using var peer = PeerIdentityClient();
        var (proposal, txId) = peer.CreateProposal("devnetcc", "get", "k");

        var error = await Assert.ThrowsAsync<RpcException>(() => peer.EvaluateAsync(proposal, txId)).WithTimeout();

        // The text real Fabric 2.5 gives for a peer-role creator (../shared/fabric-reference/errors.json, peer-identity-evaluate).
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal(
            "evaluate call to endorser returned error: Failed evaluating policy on signed data during check policy on channel [healthchannel] with policy [/Channel/Application/Writers]: [implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied]",
            error.Status.Detail);
    }

    [Fact]
    public async Task Evaluate_PeerIdentityWithMiscomputedTxId_ProposalValidatedBeforeTheWritersAclLikeFabric()
    {
        using var peer = PeerIdentityClient();
        const string wrongTxId = "00000000000000000000000000000000000000000000000000000000000000aa";
        var (proposal, _) = peer.CreateProposal("devnetcc", header => header.TxId = wrongTxId, null, "get", "k");

        var error = await Assert.ThrowsAsync<RpcException>(() => peer.EvaluateAsync(proposal, wrongTxId)).WithTimeout();

        // Fabric's endorser validates the proposal (creator, signature, tx id) before it checks peer/Propose.
        Assert.Contains($"error validating proposal: incorrectly computed txid '{wrongTxId}'", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("/Channel/Application/Writers", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endorse_PeerIdentityAsCreator_AbortedWithWritersPolicyDetailNothingWritten()
    {
        using var peer = PeerIdentityClient();
        var (proposal, txId) = peer.CreateProposal("devnetcc", "put", "by-peer", "x");

        var error = await Assert.ThrowsAsync<RpcException>(() => peer.EndorseAsync(proposal, txId)).WithTimeout();

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.All(Details(error), d => Assert.Contains("with policy [/Channel/Application/Writers]", d.Message, StringComparison.Ordinal));
        Assert.Null(fixture.Network.Ledger.GetSnapshot().GetState("devnetcc", "by-peer"));
    }

    [Fact]
    public async Task CommitStatus_PeerIdentity_AnsweredBecauseReadersAdmitPeers()
    {
        var (txId, _) = await _client.SubmitTransactionAsync("devnetcc", "put", "readers", "x").WithTimeout();
        using var peer = PeerIdentityClient();

        var status = await peer.CommitStatusAsync(txId).WithTimeout();

        Assert.Equal(TxValidationCode.Valid, status.Result);
    }

    [Fact]
    public async Task Endorse_ValidProposal_EachOrgPeerSignsSamePayloadWithItsIdentity()
    {
        var (proposal, txId) = _client.CreateProposal("devnetcc", "put", "endorsers", "x");

        var response = await _client.EndorseAsync(proposal, txId).WithTimeout();

        var payload = Payload.Parser.ParseFrom(response.PreparedTransaction.Payload);
        Assert.Equal((int)HeaderType.EndorserTransaction, ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader).Type);
        var transaction = Transaction.Parser.ParseFrom(payload.Data);
        var action = ChaincodeActionPayload.Parser.ParseFrom(Assert.Single(transaction.Actions).Payload).Action;
        Assert.Equal(["Org1MSP", "Org2MSP"], action.Endorsements.Select(e => X509Identity.FromSerializedIdentity(e.Endorser.Span).MspId).Order().ToArray());
        foreach (var endorsement in action.Endorsements)
        {
            var endorser = X509Identity.FromSerializedIdentity(endorsement.Endorser.Span);
            Assert.True(EcdsaSignatures.Verify(endorser.Certificate, [.. action.ProposalResponsePayload.Span, .. endorsement.Endorser.Span], endorsement.Signature.Span));
        }

        var chaincodeAction = ChaincodeAction.Parser.ParseFrom(ProposalResponsePayload.Parser.ParseFrom(action.ProposalResponsePayload).Extension);
        Assert.Equal("devnetcc", chaincodeAction.ChaincodeId.Name);
        Assert.Equal(txId, ChaincodeEvent.Parser.ParseFrom(chaincodeAction.Events).TxId);
        Assert.Equal(200, chaincodeAction.Response.Status);
    }

    [Fact]
    public async Task Submit_TamperedEndorsementSignature_EndorsementPolicyFailure()
    {
        var (proposal, txId) = _client.CreateProposal("devnetcc", "put", "tampered", "x");
        var endorsed = await _client.EndorseAsync(proposal, txId).WithTimeout();
        var envelope = TamperFirstEndorsement(endorsed.PreparedTransaction);

        await _client.SubmitAsync(_client.SignEnvelope(envelope), txId).WithTimeout();
        var status = await _client.CommitStatusAsync(txId).WithTimeout();

        Assert.Equal(TxValidationCode.EndorsementPolicyFailure, status.Result);
        Assert.Null(fixture.Network.Ledger.GetSnapshot().GetState("devnetcc", "tampered"));
    }

    [Fact]
    public async Task Submit_EndorsedByOneOrgUnderMajorityPolicy_EndorsementPolicyFailure()
    {
        var (proposal, txId) = _client.CreateProposal("devnetcc", "put", "one-org", "x");
        var endorsed = await _client.EndorseAsync(proposal, txId, "Org2MSP").WithTimeout();

        await _client.SubmitAsync(_client.SignEnvelope(endorsed.PreparedTransaction), txId).WithTimeout();
        var status = await _client.CommitStatusAsync(txId).WithTimeout();

        Assert.Equal(TxValidationCode.EndorsementPolicyFailure, status.Result);
    }

    [Fact]
    public async Task Submit_AnotherClientsEndorsementUnderOwnHeader_InvalidEndorserTransactionNothingWritten()
    {
        // Org1's client endorses but never submits; Org2's client wraps that prepared transaction in a header of its own
        using var bob = new RawGatewayClient(fixture.Network, Org1Peer, "User1", "Org2MSP");
        var (proposal, aliceTxId) = _client.CreateProposal("devnetcc", "put", "rewrapped", "alice's value");
        var endorsed = await _client.EndorseAsync(proposal, aliceTxId).WithTimeout();
        var (envelope, bobTxId) = bob.Rewrap(endorsed.PreparedTransaction);

        await bob.SubmitAsync(envelope, bobTxId).WithTimeout();
        var status = await bob.CommitStatusAsync(bobTxId).WithTimeout();

        Assert.Equal(TxValidationCode.InvalidEndorserTransaction, status.Result);
        Assert.Null(fixture.Network.Ledger.GetSnapshot().GetState("devnetcc", "rewrapped"));
    }

    [Fact]
    public async Task Endorse_ChaincodeNamedOnlyInInvocationSpec_RunsChaincodeOfHeaderExtension()
    {
        // Fabric routes by the header extension: a different name in the invocation spec changes nothing
        var (proposal, txId) = _client.CreateProposal("nosuchcc", editHeader: null, spec => spec.ChaincodeSpec.ChaincodeId.Name = "devnetcc", "put", "by-spec", "x");

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.EndorseAsync(proposal, txId)).WithTimeout();

        Assert.Contains("No metadata was found for chaincode nosuchcc", error.Status.Detail, StringComparison.Ordinal);
        Assert.Null(fixture.Network.Ledger.GetSnapshot().GetState("devnetcc", "by-spec"));
    }

    [Fact]
    public async Task Endorse_NoHeaderExtension_RefusedNamingIt()
    {
        var (proposal, txId) = _client.CreateProposal("devnetcc", header => header.Extension = ByteString.Empty, editSpec: null, "put", "no-extension", "x");

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.EndorseAsync(proposal, txId)).WithTimeout();

        Assert.Contains("ChaincodeHeaderExtension.ChaincodeId is nil", error.Status.Detail + string.Concat(Details(error).Select(d => d.Message)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endorse_NonZeroEpoch_RefusedNamingIt()
    {
        var (proposal, txId) = _client.CreateProposal("devnetcc", header => header.Epoch = 1, editSpec: null, "put", "epoch", "x");

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.EndorseAsync(proposal, txId)).WithTimeout();

        Assert.Contains("Epoch", error.Status.Detail + string.Concat(Details(error).Select(d => d.Message)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endorse_NoChaincodeInput_RefusedNamingIt()
    {
        var (proposal, txId) = _client.CreateProposal("devnetcc", editHeader: null, spec => spec.ChaincodeSpec.Input = null, "put", "no-input", "x");

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.EndorseAsync(proposal, txId)).WithTimeout();

        Assert.Contains("no input", error.Status.Detail + string.Concat(Details(error).Select(d => d.Message)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_SameEnvelopeTwice_FirstValidSecondDuplicateTxId()
    {
        var (proposal, txId) = _client.CreateProposal("devnetcc", "put", "dup", "x");
        var endorsed = await _client.EndorseAsync(proposal, txId).WithTimeout();
        var envelope = _client.SignEnvelope(endorsed.PreparedTransaction);

        await _client.SubmitAsync(envelope, txId).WithTimeout();
        await _client.SubmitAsync(envelope, txId).WithTimeout();
        var status = await _client.CommitStatusAsync(txId).WithTimeout();

        Assert.Equal(TxValidationCode.Valid, status.Result);
        var codes = await CodesOfAsync(txId);
        Assert.Equal([TxValidationCode.Valid, TxValidationCode.DuplicateTxid], codes);
    }

    [Fact]
    public async Task Endorse_ProposalOfCommittedTransaction_RefusedAsDuplicate()
    {
        var (proposal, txId) = _client.CreateProposal("devnetcc", "put", "dup-endorse", "x");
        var endorsed = await _client.EndorseAsync(proposal, txId).WithTimeout();
        await _client.SubmitAsync(_client.SignEnvelope(endorsed.PreparedTransaction), txId).WithTimeout();
        await _client.CommitStatusAsync(txId).WithTimeout();

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.EndorseAsync(proposal, txId)).WithTimeout();

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.StartsWith($"duplicate transaction found [{txId}]", Assert.Single(Details(error)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_UnsignedEnvelope_InvalidArgument()
    {
        var (proposal, txId) = _client.CreateProposal("devnetcc", "put", "unsigned", "x");
        var endorsed = await _client.EndorseAsync(proposal, txId).WithTimeout();

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.SubmitAsync(endorsed.PreparedTransaction, txId)).WithTimeout();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("prepared transaction must be signed", error.Status.Detail);
    }

    [Fact]
    public async Task Submit_EnvelopeSignatureNotOverPayload_AbortedForbidden()
    {
        var (proposal, txId) = _client.CreateProposal("devnetcc", "put", "forbidden", "x");
        var endorsed = await _client.EndorseAsync(proposal, txId).WithTimeout();
        var envelope = new Envelope { Payload = endorsed.PreparedTransaction.Payload, Signature = _client.Sign(ByteString.CopyFromUtf8("other")) };

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.SubmitAsync(envelope, txId)).WithTimeout();

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.StartsWith("received unsuccessful response from orderer: status=FORBIDDEN", error.Status.Detail, StringComparison.Ordinal);

        // the orderer's Broadcast filter refused it (the gateway leaves that signature to the orderer, as Fabric's does)
        Assert.EndsWith("info=" + Fabric.DevNetwork.Ordering.Internal.OrdererService.WritersRefusal, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitStatus_BadSignature_PermissionDenied()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.CommitStatusAsync("0000", badSignature: true)).WithTimeout();

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task Evaluate_UndefinedChaincode_FailedPreconditionWithoutDetailsLikeFabric()
    {
        var (proposal, txId) = _client.CreateProposal("nosuchcc", "get", "k");

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.EvaluateAsync(proposal, txId)).WithTimeout();

        // ../shared/fabric-reference/errors.json, undefined-chaincode-evaluate: no peer is asked
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("no peers available to evaluate chaincode nosuchcc in channel healthchannel", error.Status.Detail);
        Assert.Empty(Details(error));
    }

    [Fact]
    public async Task Endorse_UndefinedChaincode_FailedPreconditionWithoutDetailsLikeFabric()
    {
        var (proposal, txId) = _client.CreateProposal("nosuchcc", "put", "k", "v");

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.EndorseAsync(proposal, txId)).WithTimeout();

        // errors.json, undefined-chaincode-submit
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal(
            "no combination of peers can be derived which satisfy the endorsement policy: No metadata was found for chaincode nosuchcc in channel healthchannel",
            error.Status.Detail);
        Assert.Empty(Details(error));
    }

    [Fact]
    public async Task ChaincodeEvents_OldestStartPosition_InvalidArgumentLikeFabric()
    {
        using var call = _admin.ChaincodeEvents("devnetcc", new SeekPosition { Oldest = new SeekOldest() });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext()).WithTimeout();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task ChaincodeEvents_ClientIdentity_PermissionDeniedByTheReadersAcl()
    {
        using var call = _client.ChaincodeEvents("devnetcc", new SeekPosition { Specified = new SeekSpecified { Number = 0 } });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext()).WithTimeout();

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(
            "failed evaluating policy on signed data during check policy [/Channel/Application/Readers]: [implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Readers' sub-policies to be satisfied]",
            error.Status.Detail);
    }

    [Fact]
    public async Task CommitStatus_ClientIdentity_AnsweredByTheStatusReadersAcl()
    {
        var (txId, _) = await _client.SubmitTransactionAsync("devnetcc", "put", "status-readers", "x").WithTimeout();

        var status = await _client.CommitStatusAsync(txId).WithTimeout();

        Assert.Equal(TxValidationCode.Valid, status.Result);
    }

    [Fact]
    public async Task ChaincodeEvents_AfterTransactionId_StartsWithTheNextEvent()
    {
        var (first, _) = await _client.SubmitTransactionAsync("devnetcc", "put", "after-1", "a").WithTimeout();
        var (second, status) = await _client.SubmitTransactionAsync("devnetcc", "put", "after-2", "b").WithTimeout();
        var request = new ChaincodeEventsRequest
        {
            ChannelId = fixture.Network.ChannelId,
            ChaincodeId = "devnetcc",
            Identity = _admin.Creator,
            AfterTransactionId = first,
            StartPosition = new SeekPosition { Specified = new SeekSpecified { Number = 0 } },
        }.ToByteString();
        using var channel = RawGatewayClient.CreateChannel(fixture.Network.Peers[0]);
        using var call = new Hyperledger.Fabric.Protos.Gateway.Gateway.GatewayClient(channel).ChaincodeEvents(new SignedChaincodeEventsRequest { Request = request, Signature = _admin.Sign(request) });

        Assert.True(await call.ResponseStream.MoveNext().WithTimeout());

        var firstEvent = call.ResponseStream.Current.Events[0];
        Assert.Equal(second, firstEvent.TxId);
        Assert.Equal(status.BlockNumber, call.ResponseStream.Current.BlockNumber);
    }

    [Fact]
    public async Task Evaluate_TwentyConcurrentCallsOnOneChaincodeStream_EachGetsItsOwnResult()
    {
        var keys = Enumerable.Range(0, 20).Select(i => $"concurrent-{i}").ToArray();
        var txIds = new List<string>();
        foreach (var key in keys)
        {
            var (proposal, txId) = _client.CreateProposal("devnetcc", "put", key, key + "-value");
            var endorsed = await _client.EndorseAsync(proposal, txId).WithTimeout();
            await _client.SubmitAsync(_client.SignEnvelope(endorsed.PreparedTransaction), txId).WithTimeout();
            txIds.Add(txId);
        }

        foreach (var txId in txIds)
        {
            Assert.Equal(TxValidationCode.Valid, (await _client.CommitStatusAsync(txId).WithTimeout()).Result);
        }

        var results = await Task.WhenAll(keys.Select(async key =>
        {
            var (proposal, txId) = _client.CreateProposal("devnetcc", "get", key);
            return (await _client.EvaluateAsync(proposal, txId)).Result.Payload.ToStringUtf8();
        })).WithTimeout();

        Assert.Equal(keys.Select(k => k + "-value").ToArray(), results);
    }

    public void Dispose()
    {
        _client.Dispose();
        _admin.Dispose();
    }

    private RawGatewayClient PeerIdentityClient()
    {
        var node = fixture.Network.Crypto.GetOrganization("Org1MSP").Nodes[0];
        return new RawGatewayClient(fixture.Network, Org1Peer, "Org1MSP", node.SigningCertificatePath, node.PrivateKeyPath);
    }

    private static IEnumerable<ErrorDetail> Details(RpcException error) =>
        RawGatewayClient.StatusDetails(error)?.Details.Select(d => d.Unpack<ErrorDetail>()) ?? [];

    private static Envelope TamperFirstEndorsement(Envelope envelope)
    {
        var payload = Payload.Parser.ParseFrom(envelope.Payload);
        var transaction = Transaction.Parser.ParseFrom(payload.Data);
        var actionPayload = ChaincodeActionPayload.Parser.ParseFrom(transaction.Actions[0].Payload);
        var signature = actionPayload.Action.Endorsements[0].Signature.ToByteArray();
        signature[^1] ^= 0x01; // still DER, no longer a signature over the payload
        actionPayload.Action.Endorsements[0].Signature = ByteString.CopyFrom(signature);
        transaction.Actions[0].Payload = actionPayload.ToByteString();
        payload.Data = transaction.ToByteString();
        return new Envelope { Payload = payload.ToByteString() };
    }

    private async Task<TxValidationCode[]> CodesOfAsync(string txId)
    {
        var codes = new List<TxValidationCode>();
        for (ulong n = 0; n < fixture.Network.Ledger.Height; n++)
        {
            var block = await fixture.Network.Ledger.GetBlockAsync(n).WithTimeout();
            codes.AddRange(block.Transactions.Where(t => t.TxId == txId).Select(t => t.Code));
        }

        return [.. codes];
    }
}
