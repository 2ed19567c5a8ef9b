using System.Security.Cryptography;
using System.Text;
using Hyperledger.Fabric.Gateway.Tests.Support;
using Hyperledger.Fabric.Identity;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>Narrow checks of the bytes the client sends, against a scripted Gateway that verifies signatures.</summary>
public sealed class RequestBuildingTests : IAsyncLifetime
{
    private FakeGatewayServer _server = null!;
    private X509Identity _identity = null!;
    private IGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeGatewayServer.StartAsync();
        var (identity, signer) = TestIdentities.CreateClient();
        _identity = identity;
        _gateway = Gateway.Connect(new GatewayOptions { Identity = identity, Signer = signer, Endpoints = [new GatewayEndpoint { Address = _server.Address }] });
    }

    public async Task DisposeAsync()
    {
        _gateway.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task EvaluateAsync_Proposal_HasFabricHeadersArgumentsAndTransientData()
    {
        var contract = _gateway.GetNetwork("healthchannel").GetContract("healthrecords");
        await contract.EvaluateAsync("getRecord", new ProposalOptions
        {
            Arguments = [Encoding.UTF8.GetBytes("r1"), new byte[] { 0, 255 }],
            TransientData = new Dictionary<string, ReadOnlyMemory<byte>> { ["secret"] = Encoding.UTF8.GetBytes("s3") },
            EndorsingOrganizations = ["Org2MSP"],
        }).WithTimeout(TestTimeouts.Short);

        var request = Assert.Single(_server.Evaluations);
        Assert.Equal("healthchannel", request.ChannelId);
        Assert.Equal(["Org2MSP"], request.TargetOrganizations);
        var proposal = Proposal.Parser.ParseFrom(request.ProposedTransaction.ProposalBytes);
        var header = Header.Parser.ParseFrom(proposal.Header);
        var channelHeader = ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
        var signatureHeader = SignatureHeader.Parser.ParseFrom(header.SignatureHeader);
        Assert.Equal((int)HeaderType.EndorserTransaction, channelHeader.Type);
        Assert.Equal("healthchannel", channelHeader.ChannelId);
        Assert.Equal("healthrecords", ChaincodeHeaderExtension.Parser.ParseFrom(channelHeader.Extension).ChaincodeId.Name);
        Assert.InRange(channelHeader.Timestamp.ToDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(_identity.ToSerializedIdentity(), signatureHeader.Creator.ToByteArray());
        Assert.Equal(24, signatureHeader.Nonce.Length);

        var expectedTxId = Convert.ToHexStringLower(SHA256.HashData([.. signatureHeader.Nonce.ToByteArray(), .. signatureHeader.Creator.ToByteArray()]));
        Assert.Equal(expectedTxId, channelHeader.TxId);
        Assert.Equal(expectedTxId, request.TransactionId);

        var payload = ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload);
        Assert.Equal("s3", payload.TransientMap["secret"].ToStringUtf8());
        var spec = ChaincodeInvocationSpec.Parser.ParseFrom(payload.Input).ChaincodeSpec;
        Assert.Equal("healthrecords", spec.ChaincodeId.Name);
        Assert.Equal(["getRecord", "r1"], spec.Input.Args.Take(2).Select(a => a.ToStringUtf8()));
        Assert.Equal(new byte[] { 0, 255 }, spec.Input.Args[2].ToByteArray());
    }

    [Fact]
    public async Task NewProposal_ContractName_PrefixesTransactionName()
    {
        var contract = _gateway.GetNetwork("ch").GetContract("cc", "Patients");
        await contract.EvaluateTransactionAsync("get", "p1").WithTimeout(TestTimeouts.Short);

        var proposal = Proposal.Parser.ParseFrom(Assert.Single(_server.Evaluations).ProposedTransaction.ProposalBytes);
        var spec = ChaincodeInvocationSpec.Parser.ParseFrom(ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload).Input).ChaincodeSpec;
        Assert.Equal("Patients:get", spec.Input.Args[0].ToStringUtf8());
    }

    [Fact]
    public async Task NewProposal_EachProposal_HasNewTransactionId()
    {
        var contract = _gateway.GetNetwork("ch").GetContract("cc");
        var first = contract.NewProposal("fn");
        var second = contract.NewProposal("fn");
        Assert.NotEqual(first.TransactionId, second.TransactionId);
        Assert.Matches("^[0-9a-f]{64}$", first.TransactionId);
        await first.EvaluateAsync().WithTimeout(TestTimeouts.Short);
        Assert.Equal(first.TransactionId, Assert.Single(_server.Evaluations).TransactionId);
    }

    [Fact]
    public async Task SubmitAsync_FullFlow_SendsSignedEnvelopeAndSignedStatusRequest()
    {
        _server.OnEndorse = (request, _) => Task.FromResult(new EndorseResponse { PreparedTransaction = Envelopes.Prepared(request.ChannelId, request.TransactionId, "done") });
        var contract = _gateway.GetNetwork("ch").GetContract("cc");

        var result = await contract.SubmitTransactionAsync("fn", "a").WithTimeout(TestTimeouts.Short);

        Assert.Equal("done", Encoding.UTF8.GetString(result.Span));
        var endorse = Assert.Single(_server.Endorsements);
        var submit = Assert.Single(_server.Submissions);
        Assert.Equal(endorse.TransactionId, submit.TransactionId);
        Assert.True(EcdsaSignatures.Verify(_identity.Certificate, submit.PreparedTransaction.Payload.Span, submit.PreparedTransaction.Signature.Span));
        var status = Assert.Single(_server.StatusRequests);
        Assert.Equal(endorse.TransactionId, status.TransactionId);
        Assert.Equal("ch", status.ChannelId);
        Assert.Equal(_identity.ToSerializedIdentity(), status.Identity.ToByteArray());
    }

    [Fact]
    public async Task GetStatusAsync_Committed_ReturnsCodeAndBlock()
    {
        _server.OnCommitStatus = (_, _) => Task.FromResult(new CommitStatusResponse { Result = TxValidationCode.MvccReadConflict, BlockNumber = 42 });
        var status = await _gateway.GetNetwork("ch").GetTransactionStatusAsync("abc").WithTimeout(TestTimeouts.Short);
        Assert.Equal(new CommitStatus("abc", TxValidationCode.MvccReadConflict, 42), status);
        Assert.False(status.Successful);
    }

    [Fact]
    public async Task SubmitTransactionAsync_InvalidCommit_ThrowsCommitExceptionWithCodeAndBlock()
    {
        _server.OnEndorse = (request, _) => Task.FromResult(new EndorseResponse { PreparedTransaction = Envelopes.Prepared(request.ChannelId, request.TransactionId, "r") });
        _server.OnCommitStatus = (_, _) => Task.FromResult(new CommitStatusResponse { Result = TxValidationCode.EndorsementPolicyFailure, BlockNumber = 9 });

        var error = await Assert.ThrowsAsync<CommitException>(() => _gateway.GetNetwork("ch").GetContract("cc").SubmitTransactionAsync("fn").WithTimeout(TestTimeouts.Short));

        Assert.Equal(TxValidationCode.EndorsementPolicyFailure, error.Code);
        Assert.Equal(9UL, error.BlockNumber);
        Assert.Equal(Assert.Single(_server.Submissions).TransactionId, error.TransactionId);
    }

    [Fact]
    public void Digest_ConfiguredHash_IsHashOfWhatIsSigned()
    {
        var (identity, _) = TestIdentities.CreateClient();
        var hashed = 0;
        using var gateway = Gateway.Connect(new GatewayOptions
        {
            Identity = identity,
            Hash = message =>
            {
                Interlocked.Increment(ref hashed);
                return Hashes.Sha384(message);
            },
            Endpoints = [new GatewayEndpoint { Address = _server.Address }],
        });

        var proposal = gateway.GetNetwork("ch").GetContract("cc").NewProposal("fn");
        var commit = gateway.GetNetwork("ch").NewCommit("tx1");

        var proposalBytes = ProposedTransaction.Parser.ParseFrom(proposal.Bytes.Span).Proposal.ProposalBytes;
        Assert.Equal(SHA384.HashData(proposalBytes.Span), proposal.Digest.ToArray());
        Assert.Equal(SHA384.HashData(SignedCommitStatusRequest.Parser.ParseFrom(commit.Bytes.Span).Request.Span), commit.Digest.ToArray());
        Assert.True(hashed >= 2);
    }
}
