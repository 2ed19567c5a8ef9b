using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using Hyperledger.Fabric.Identity;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Network.Support;

/// <summary>
/// A hand-built Gateway client for tests that need to break the rules (bad signatures, tampered
/// endorsements, replayed envelopes). It builds proposals (with the tests' shared <see cref="ProposalBuilder"/>)
/// and envelopes itself, from the wire schema only, so it shares no code with the dev network or with our gateway client.
/// </summary>
public sealed class RawGatewayClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly Hyperledger.Fabric.Protos.Gateway.Gateway.GatewayClient _gateway;
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
        _channel = CreateChannel(peer);
        _gateway = new(_channel);
    }

    public X509Identity Identity { get; }

    public ByteString Creator => ByteString.CopyFrom(Identity.ToSerializedIdentity());

    public (SignedProposal Proposal, string TxId) CreateProposal(string chaincode, string function, params string[] args) =>
        CreateProposal(chaincode, null, null, function, args);

    /// <summary>A proposal whose channel header or invocation spec a test bends before it is signed.</summary>
    public (SignedProposal Proposal, string TxId) CreateProposal(
        string chaincode, Action<ChannelHeader>? editHeader, Action<ChaincodeInvocationSpec>? editSpec, string function, params string[] args)
    {
        var options = new ProposalBuildOptions
        {
            Signer = _signer,
            EditHeader = editHeader,
            EditSpec = spec =>
            {
                spec.ChaincodeSpec.Type = ChaincodeSpec.Types.Type.Node;
                editSpec?.Invoke(spec);
            },
        };
        var (proposal, txId, _) = ProposalBuilder.Create(Creator.ToByteArray(), _channelId, chaincode, [function, .. args], options);
        return (proposal, txId);
    }

    public ByteString Sign(ByteString message) => ByteString.CopyFrom(_signer.SignAsync(SHA256.HashData(message.Span)).AsTask().GetAwaiter().GetResult());

    public Task<EvaluateResponse> EvaluateAsync(SignedProposal proposal, string txId) =>
        _gateway.EvaluateAsync(new EvaluateRequest { TransactionId = txId, ChannelId = _channelId, ProposedTransaction = proposal }, Deadline()).ResponseAsync;

    public Task<EndorseResponse> EndorseAsync(SignedProposal proposal, string txId, params string[] organizations)
    {
        var request = new EndorseRequest { TransactionId = txId, ChannelId = _channelId, ProposedTransaction = proposal };
        request.EndorsingOrganizations.AddRange(organizations);
        return _gateway.EndorseAsync(request, Deadline()).ResponseAsync;
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

    public Task<SubmitResponse> SubmitAsync(Envelope envelope, string txId, TimeSpan? timeout = null) =>
        _gateway.SubmitAsync(new SubmitRequest { TransactionId = txId, ChannelId = _channelId, PreparedTransaction = envelope }, Deadline(timeout)).ResponseAsync;

    public Task<CommitStatusResponse> CommitStatusAsync(string txId, bool badSignature = false)
    {
        var request = new CommitStatusRequest { TransactionId = txId, ChannelId = _channelId, Identity = Creator }.ToByteString();
        var signature = Sign(badSignature ? ByteString.CopyFromUtf8("something else") : request);
        return _gateway.CommitStatusAsync(new SignedCommitStatusRequest { Request = request, Signature = signature }, Deadline(TestSupport.TestTimeouts.Long)).ResponseAsync;
    }

    public AsyncServerStreamingCall<ChaincodeEventsResponse> ChaincodeEvents(string chaincode, Hyperledger.Fabric.Protos.Orderer.SeekPosition start)
    {
        var request = new ChaincodeEventsRequest { ChannelId = _channelId, ChaincodeId = chaincode, Identity = Creator, StartPosition = start }.ToByteString();
        return _gateway.ChaincodeEvents(new SignedChaincodeEventsRequest { Request = request, Signature = Sign(request) }, Deadline());
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

    /// <summary>A Grpc.Net.Client channel to <paramref name="peer"/> that trusts only its organisation's TLS CA and names the peer's certificate.</summary>
    public static GrpcChannel CreateChannel(PeerInfo peer)
    {
        var ca = X509CertificateLoader.LoadCertificateFromFile(peer.TlsCaCertificatePath);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = peer.Name,
                RemoteCertificateValidationCallback = (_, certificate, _, _) => TestSupport.TestTls.ChainsTo(certificate, ca),
            },
        };
        return GrpcChannel.ForAddress(peer.Address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    /// <summary>The decoded grpc-status-details-bin trailer, when the error carried one.</summary>
    public static Google.Rpc.Status? StatusDetails(RpcException error) =>
        error.Trailers.GetValueBytes("grpc-status-details-bin") is { } bytes ? Google.Rpc.Status.Parser.ParseFrom(bytes) : null;

    private static CallOptions Deadline(TimeSpan? timeout = null) => new(deadline: DateTime.UtcNow + (timeout ?? TestSupport.TestTimeouts.Long));
}
