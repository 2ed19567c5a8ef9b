using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabric.DevNetwork;
using Fabric.Grpc;
using Fabric.Identity;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Peer;

namespace Benchmarks.Suites;

/// <summary>
/// A minimal Gateway client for the dev-network benchmark, built on the wire schema and the transport
/// only (so the numbers do not depend on any one client library's extras).
/// </summary>
internal sealed class DevNetworkBenchClient : IDisposable
{
    private static readonly Method<EvaluateRequest, EvaluateResponse> s_evaluate = Unary("Evaluate", EvaluateRequest.Parser, EvaluateResponse.Parser);
    private static readonly Method<EndorseRequest, EndorseResponse> s_endorse = Unary("Endorse", EndorseRequest.Parser, EndorseResponse.Parser);
    private static readonly Method<SubmitRequest, SubmitResponse> s_submit = Unary("Submit", SubmitRequest.Parser, SubmitResponse.Parser);
    private static readonly Method<SignedCommitStatusRequest, CommitStatusResponse> s_status = Unary("CommitStatus", SignedCommitStatusRequest.Parser, CommitStatusResponse.Parser);

    private readonly GrpcChannel _channel;
    private readonly ISigner _signer;
    private readonly ByteString _creator;
    private readonly string _channelId;

    public DevNetworkBenchClient(DevNetwork network)
    {
        var peer = network.Peers[0];
        var user = network.Crypto.GetOrganization(peer.MspId).GetUser("User1");
        _creator = ByteString.CopyFrom(X509Identity.FromPemFile(peer.MspId, user.SigningCertificatePath).ToSerializedIdentity());
        _signer = Signers.FromPemFile(user.PrivateKeyPath);
        _channelId = network.ChannelId;
        _channel = GrpcChannel.ForAddress(peer.Address, new GrpcChannelOptions
        {
            RootCertificates = [X509CertificateLoader.LoadCertificateFromFile(peer.TlsCaCertificatePath)],
            ServerNameOverride = peer.Name,
        });
    }

    public async Task<ByteString> EvaluateAsync(string chaincode, string function, string[] args, CancellationToken cancellationToken)
    {
        var (proposal, txId) = await CreateProposalAsync(chaincode, function, args, cancellationToken).ConfigureAwait(false);
        var response = await _channel.UnaryAsync(s_evaluate, new EvaluateRequest { ChannelId = _channelId, TransactionId = txId, ProposedTransaction = proposal }, Options(cancellationToken)).ConfigureAwait(false);
        return response.Result.Payload;
    }

    public async Task<TxValidationCode> SubmitAsync(string chaincode, string function, string[] args, CancellationToken cancellationToken)
    {
        var (proposal, txId) = await CreateProposalAsync(chaincode, function, args, cancellationToken).ConfigureAwait(false);
        var endorsed = await _channel.UnaryAsync(s_endorse, new EndorseRequest { ChannelId = _channelId, TransactionId = txId, ProposedTransaction = proposal }, Options(cancellationToken)).ConfigureAwait(false);
        var payload = endorsed.PreparedTransaction.Payload;
        var envelope = new Envelope { Payload = payload, Signature = await SignAsync(payload, cancellationToken).ConfigureAwait(false) };
        await _channel.UnaryAsync(s_submit, new SubmitRequest { ChannelId = _channelId, TransactionId = txId, PreparedTransaction = envelope }, Options(cancellationToken)).ConfigureAwait(false);
        var request = new CommitStatusRequest { ChannelId = _channelId, TransactionId = txId, Identity = _creator }.ToByteString();
        var signed = new SignedCommitStatusRequest { Request = request, Signature = await SignAsync(request, cancellationToken).ConfigureAwait(false) };
        var status = await _channel.UnaryAsync(s_status, signed, Options(cancellationToken)).ConfigureAwait(false);
        return status.Result;
    }

    public void Dispose() => _channel.Dispose();

    private async Task<(SignedProposal Proposal, string TxId)> CreateProposalAsync(string chaincode, string function, string[] args, CancellationToken cancellationToken)
    {
        var nonce = RandomNumberGenerator.GetBytes(24);
        var txId = Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. _creator.Span]));
        var extension = new ChaincodeHeaderExtension { ChaincodeId = new ChaincodeID { Name = chaincode } }.ToByteString();
        var header = new Header
        {
            ChannelHeader = new ChannelHeader
            {
                Type = (int)HeaderType.EndorserTransaction,
                ChannelId = _channelId,
                TxId = txId,
                Timestamp = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UtcNow),
                Extension = extension,
            }.ToByteString(),
            SignatureHeader = new SignatureHeader { Creator = _creator, Nonce = ByteString.CopyFrom(nonce) }.ToByteString(),
        };
        var input = new ChaincodeInput { Args = { ByteString.CopyFromUtf8(function) } };
        input.Args.AddRange(args.Select(ByteString.CopyFromUtf8));
        var spec = new ChaincodeInvocationSpec { ChaincodeSpec = new ChaincodeSpec { ChaincodeId = new ChaincodeID { Name = chaincode }, Input = input } };
        var proposal = new Proposal { Header = header.ToByteString(), Payload = new ChaincodeProposalPayload { Input = spec.ToByteString() }.ToByteString(), Extension = extension }.ToByteString();
        return (new SignedProposal { ProposalBytes = proposal, Signature = await SignAsync(proposal, cancellationToken).ConfigureAwait(false) }, txId);
    }

    private async Task<ByteString> SignAsync(ByteString message, CancellationToken cancellationToken) =>
        ByteString.CopyFrom(await _signer.SignAsync(SHA256.HashData(message.Span), cancellationToken).ConfigureAwait(false));

    private static CallOptions Options(CancellationToken cancellationToken) => new() { CancellationToken = cancellationToken, Deadline = DateTime.UtcNow.AddSeconds(60) };

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string name, MessageParser<TRequest> request, MessageParser<TResponse> response)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> =>
        new(MethodType.Unary, "gateway.Gateway", name, Marshallers.Protobuf(request), Marshallers.Protobuf(response));
}
