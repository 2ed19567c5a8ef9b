using System.Diagnostics;
using System.Security.Cryptography;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Fabric.DevNetwork;
using Hyperledger.Fabric.Identity;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace Benchmarks.Suites;

/// <summary>
/// A minimal Gateway client for the dev-network benchmark, built on the wire schema and Grpc.Net.Client
/// only (so the numbers do not depend on any one client library's extras).
/// </summary>
internal sealed class DevNetworkBenchClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly Gateway.GatewayClient _gateway;
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
        var ca = X509CertificateLoader.LoadCertificateFromFile(peer.TlsCaCertificatePath);
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = peer.Name,
                RemoteCertificateValidationCallback = (_, certificate, _, _) => TestTls.ChainsTo(certificate, ca),
            },
        };
        _channel = GrpcChannel.ForAddress(peer.Address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        _gateway = new Gateway.GatewayClient(_channel);
    }

    public async Task<ByteString> EvaluateAsync(string chaincode, string function, string[] args, CancellationToken cancellationToken)
    {
        var (proposal, txId) = await CreateProposalAsync(chaincode, function, args, cancellationToken).ConfigureAwait(false);
        var response = await _gateway.EvaluateAsync(new EvaluateRequest { ChannelId = _channelId, TransactionId = txId, ProposedTransaction = proposal }, Options(cancellationToken)).ResponseAsync.ConfigureAwait(false);
        return response.Result.Payload;
    }

    /// <summary>Wall time of each submit's three steps, summed over all submits (Stopwatch ticks).</summary>
    public SubmitStageTotals Stages { get; } = new();

    public async Task<TxValidationCode> SubmitAsync(string chaincode, string function, string[] args, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (proposal, txId) = await CreateProposalAsync(chaincode, function, args, cancellationToken).ConfigureAwait(false);
        var endorsed = await _gateway.EndorseAsync(new EndorseRequest { ChannelId = _channelId, TransactionId = txId, ProposedTransaction = proposal }, Options(cancellationToken)).ResponseAsync.ConfigureAwait(false);
        var endorsedAt = Stopwatch.GetTimestamp();
        var payload = endorsed.PreparedTransaction.Payload;
        var envelope = new Envelope { Payload = payload, Signature = await SignAsync(payload, cancellationToken).ConfigureAwait(false) };
        await _gateway.SubmitAsync(new SubmitRequest { ChannelId = _channelId, TransactionId = txId, PreparedTransaction = envelope }, Options(cancellationToken)).ResponseAsync.ConfigureAwait(false);
        var submittedAt = Stopwatch.GetTimestamp();
        var request = new CommitStatusRequest { ChannelId = _channelId, TransactionId = txId, Identity = _creator }.ToByteString();
        var signed = new SignedCommitStatusRequest { Request = request, Signature = await SignAsync(request, cancellationToken).ConfigureAwait(false) };
        var status = await _gateway.CommitStatusAsync(signed, Options(cancellationToken)).ResponseAsync.ConfigureAwait(false);
        Stages.Add(endorsedAt - started, submittedAt - endorsedAt, Stopwatch.GetTimestamp() - submittedAt);
        return status.Result;
    }

    /// <summary>Submits an envelope built and endorsed elsewhere (through the gateway's Submit) and waits for its commit status.</summary>
    public async Task<TxValidationCode> SubmitPreparedAsync(Envelope envelope, string txId, CancellationToken cancellationToken)
    {
        await _gateway.SubmitAsync(new SubmitRequest { ChannelId = _channelId, TransactionId = txId, PreparedTransaction = envelope }, Options(cancellationToken)).ResponseAsync.ConfigureAwait(false);
        var request = new CommitStatusRequest { ChannelId = _channelId, TransactionId = txId, Identity = _creator }.ToByteString();
        var signed = new SignedCommitStatusRequest { Request = request, Signature = await SignAsync(request, cancellationToken).ConfigureAwait(false) };
        return (await _gateway.CommitStatusAsync(signed, Options(cancellationToken)).ResponseAsync.ConfigureAwait(false)).Result;
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

    private static CallOptions Options(CancellationToken cancellationToken) => new(deadline: DateTime.UtcNow.AddSeconds(60), cancellationToken: cancellationToken);
}

/// <summary>Sums of the client's submit steps: sign + endorse, sign + submit (broadcast), sign + commit-status wait.</summary>
internal sealed class SubmitStageTotals
{
    private long _count;
    private long _endorse;
    private long _submit;
    private long _commitStatus;

    public void Add(long endorse, long submit, long commitStatus)
    {
        Interlocked.Add(ref _endorse, endorse);
        Interlocked.Add(ref _submit, submit);
        Interlocked.Add(ref _commitStatus, commitStatus);
        Interlocked.Increment(ref _count);
    }

    /// <summary>The totals now: count and each step's mean in milliseconds since <paramref name="before"/>.</summary>
    public (long Count, double Endorse, double Submit, double CommitStatus) Since((long Count, long Endorse, long Submit, long CommitStatus) before)
    {
        var count = Interlocked.Read(ref _count) - before.Count;
        double Mean(long ticks) => count == 0 ? double.NaN : ticks * 1000.0 / Stopwatch.Frequency / count;
        return (count, Mean(Interlocked.Read(ref _endorse) - before.Endorse), Mean(Interlocked.Read(ref _submit) - before.Submit), Mean(Interlocked.Read(ref _commitStatus) - before.CommitStatus));
    }

    /// <summary>The raw totals, to pass to <see cref="Since"/> later.</summary>
    public (long Count, long Endorse, long Submit, long CommitStatus) Mark() =>
        (Interlocked.Read(ref _count), Interlocked.Read(ref _endorse), Interlocked.Read(ref _submit), Interlocked.Read(ref _commitStatus));
}
