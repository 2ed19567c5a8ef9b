using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabric.Grpc;
using Fabric.Identity;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Tests.Network.Support;

/// <summary>
/// A hand-built Gateway client for tests that need to break the rules (bad signatures, tampered
/// endorsements, replayed envelopes). It builds proposals and envelopes itself, from the wire schema
/// only, so it shares no code with the dev network or with our gateway client.
/// </summary>
public sealed class RawGatewayClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly ISigner _signer;
    private readonly string _channelId;

    public RawGatewayClient(DevNetwork network, string peerName, string user = "User1", string mspId = "Org1MSP")
        : this(network, peerName, mspId, network.Crypto.GetOrganization(mspId).GetUser(user).SigningCertificatePath, network.Crypto.GetOrganization(mspId).GetUser(user).PrivateKeyPath)
    {
    }

    /// <summary>A client signing with any identity of the organisation, a peer's own for example.</summary>
    public RawGatewayClient(DevNetwork network, string peerName, string mspId, string certificatePath, string privateKeyPath)
    {
        var peer = network.Peers.Single(p => p.Name == peerName);
        Identity = X509Identity.FromPemFile(mspId, certificatePath);
        _signer = Signers.FromPemFile(privateKeyPath);
        _channelId = network.ChannelId;
        var roots = new X509Certificate2Collection { X509CertificateLoader.LoadCertificateFromFile(peer.TlsCaCertificatePath) };
        _channel = GrpcChannel.ForAddress(peer.Address, new GrpcChannelOptions { RootCertificates = roots, ServerNameOverride = peer.Name });
    }

    public X509Identity Identity { get; }

    public ByteString Creator => ByteString.CopyFrom(Identity.ToSerializedIdentity());

    public (SignedProposal Proposal, string TxId) CreateProposal(string chaincode, string function, params string[] args) =>
        CreateProposal(chaincode, null, null, function, args);

    /// <summary>A proposal whose channel header or invocation spec a test bends before it is signed.</summary>
    public (SignedProposal Proposal, string TxId) CreateProposal(
        string chaincode, Action<ChannelHeader>? editHeader, Action<ChaincodeInvocationSpec>? editSpec, string function, params string[] args)
    {
        var nonce = RandomNumberGenerator.GetBytes(24);
        var txId = Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. Creator.Span]));
        var extension = new ChaincodeHeaderExtension { ChaincodeId = new ChaincodeID { Name = chaincode } }.ToByteString();
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            ChannelId = _channelId,
            TxId = txId,
            Timestamp = Timestamp.FromDateTime(DateTime.UtcNow),
            Extension = extension,
        };
        editHeader?.Invoke(channelHeader);
        var signatureHeader = new SignatureHeader { Creator = Creator, Nonce = ByteString.CopyFrom(nonce) };
        var input = new ChaincodeInput();
        input.Args.Add(ByteString.CopyFromUtf8(function));
        input.Args.AddRange(args.Select(ByteString.CopyFromUtf8));
        var spec = new ChaincodeInvocationSpec
        {
            ChaincodeSpec = new ChaincodeSpec { Type = ChaincodeSpec.Types.Type.Node, ChaincodeId = new ChaincodeID { Name = chaincode }, Input = input },
        };
        editSpec?.Invoke(spec);
        var proposal = new Proposal
        {
            Header = new Header { ChannelHeader = channelHeader.ToByteString(), SignatureHeader = signatureHeader.ToByteString() }.ToByteString(),
            Payload = new ChaincodeProposalPayload { Input = spec.ToByteString() }.ToByteString(),
            Extension = extension,
        };
        var bytes = proposal.ToByteString();
        return (new SignedProposal { ProposalBytes = bytes, Signature = Sign(bytes) }, txId);
    }

    public ByteString Sign(ByteString message) => ByteString.CopyFrom(_signer.SignAsync(SHA256.HashData(message.Span)).AsTask().GetAwaiter().GetResult());

    public Task<EvaluateResponse> EvaluateAsync(SignedProposal proposal, string txId) =>
        _channel.UnaryAsync(RawGatewayMethods.Evaluate, new EvaluateRequest { TransactionId = txId, ChannelId = _channelId, ProposedTransaction = proposal }, Deadline());

    public Task<EndorseResponse> EndorseAsync(SignedProposal proposal, string txId, params string[] organizations)
    {
        var request = new EndorseRequest { TransactionId = txId, ChannelId = _channelId, ProposedTransaction = proposal };
        request.EndorsingOrganizations.AddRange(organizations);
        return _channel.UnaryAsync(RawGatewayMethods.Endorse, request, Deadline());
    }

    /// <summary>
    /// Another client's prepared transaction under this client's own header (new nonce, tx id and
    /// creator), signed by this client: the endorsements still cover the other client's proposal.
    /// </summary>
    public (Envelope Envelope, string TxId) Rewrap(Envelope prepared)
    {
        var payload = Payload.Parser.ParseFrom(prepared.Payload);
        var nonce = RandomNumberGenerator.GetBytes(24);
        var txId = Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. Creator.Span]));
        var channelHeader = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
        channelHeader.TxId = txId;
        payload.Header = new Header
        {
            ChannelHeader = channelHeader.ToByteString(),
            SignatureHeader = new SignatureHeader { Creator = Creator, Nonce = ByteString.CopyFrom(nonce) }.ToByteString(),
        };
        var bytes = payload.ToByteString();
        return (new Envelope { Payload = bytes, Signature = Sign(bytes) }, txId);
    }

    public Envelope SignEnvelope(Envelope unsigned) => new() { Payload = unsigned.Payload, Signature = Sign(unsigned.Payload) };

    public Task<SubmitResponse> SubmitAsync(Envelope envelope, string txId) =>
        _channel.UnaryAsync(RawGatewayMethods.Submit, new SubmitRequest { TransactionId = txId, ChannelId = _channelId, PreparedTransaction = envelope }, Deadline());

    public Task<CommitStatusResponse> CommitStatusAsync(string txId, bool badSignature = false)
    {
        var request = new CommitStatusRequest { TransactionId = txId, ChannelId = _channelId, Identity = Creator }.ToByteString();
        var signature = Sign(badSignature ? ByteString.CopyFromUtf8("something else") : request);
        return _channel.UnaryAsync(RawGatewayMethods.CommitStatus, new SignedCommitStatusRequest { Request = request, Signature = signature }, Deadline(TestSupport.TestTimeouts.Long));
    }

    public AsyncServerStreamingCall<ChaincodeEventsResponse> ChaincodeEvents(string chaincode, Hyperledger.Fabric.Protos.Orderer.SeekPosition start)
    {
        var request = new ChaincodeEventsRequest { ChannelId = _channelId, ChaincodeId = chaincode, Identity = Creator, StartPosition = start }.ToByteString();
        return _channel.ServerStreaming(RawGatewayMethods.ChaincodeEvents, new SignedChaincodeEventsRequest { Request = request, Signature = Sign(request) }, Deadline());
    }

    /// <summary>Endorses, signs and submits; returns the tx id and the commit status.</summary>
    public async Task<(string TxId, CommitStatusResponse Status)> SubmitTransactionAsync(string chaincode, string function, params string[] args)
    {
        var (proposal, txId) = CreateProposal(chaincode, function, args);
        var endorsed = await EndorseAsync(proposal, txId);
        await SubmitAsync(SignEnvelope(endorsed.PreparedTransaction), txId);
        return (txId, await CommitStatusAsync(txId));
    }

    public void Dispose() => _channel.Dispose();

    private static CallOptions Deadline(TimeSpan? timeout = null) => new() { Deadline = DateTime.UtcNow + (timeout ?? TestSupport.TestTimeouts.Long) };
}
