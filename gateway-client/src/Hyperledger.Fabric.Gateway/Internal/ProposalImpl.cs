using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>A proposal, signed lazily by the gateway's signer or restored with an offline signature.</summary>
internal sealed class ProposalImpl : IProposal
{
    private readonly GatewayImpl _gateway;
    private readonly string _channel;
    private readonly string? _chaincode;
    private readonly IReadOnlyList<string> _endorsingOrganizations;
    private readonly LazySignature _signed;

    public ProposalImpl(GatewayImpl gateway, ProposedTransaction proposed)
    {
        _gateway = gateway;
        TransactionId = proposed.TransactionId;
        ProposalBytes = proposed.Proposal.ProposalBytes;
        _endorsingOrganizations = [.. proposed.EndorsingOrganizations];
        try
        {
            var header = ProposalBuilder.ChannelHeaderOf(ProposalBytes);
            _channel = header.ChannelId;
            _chaincode = ProposalBuilder.ChaincodeOf(header);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ArgumentException("The proposal bytes do not hold a Fabric proposal: " + e.Message, nameof(proposed), e);
        }

        _signed = new LazySignature(gateway.Signing, ProposalBytes, proposed.Proposal.Signature, "Proposal");
    }

    public string TransactionId { get; }

    public ByteString ProposalBytes { get; }

    public ReadOnlyMemory<byte> Bytes => ToMessage(_signed.Current).ToByteArray();

    public ReadOnlyMemory<byte> Digest => _signed.Digest;

    public Task<ReadOnlyMemory<byte>> EvaluateAsync(CancellationToken cancellationToken = default) => EvaluateAsync(null, cancellationToken);

    public async Task<ReadOnlyMemory<byte>> EvaluateAsync(GatewayCallOptions? callOptions, CancellationToken cancellationToken = default)
    {
        var signed = await SignedAsync(cancellationToken).ConfigureAwait(false);
        var request = new EvaluateRequest { TransactionId = TransactionId, ChannelId = _channel, ProposedTransaction = signed };
        request.TargetOrganizations.AddRange(_endorsingOrganizations);
        var response = await _gateway.CallAsync(
            GatewayMethods.Evaluate, request, Call(GatewayOperation.Evaluate), _gateway.Options.EvaluateTimeout, callOptions, cancellationToken).ConfigureAwait(false);
        return (response.Result?.Payload ?? ByteString.Empty).Memory;
    }

    public Task<ITransaction> EndorseAsync(CancellationToken cancellationToken = default) => EndorseAsync(null, cancellationToken);

    public async Task<ITransaction> EndorseAsync(GatewayCallOptions? callOptions, CancellationToken cancellationToken = default)
    {
        var envelope = await EndorseEnvelopeAsync(callOptions, cancellationToken).ConfigureAwait(false);
        return new TransactionImpl(_gateway, new PreparedTransaction { TransactionId = TransactionId, Envelope = envelope });
    }

    /// <summary>Endorses and returns the prepared (unsigned) transaction envelope.</summary>
    public async Task<Envelope> EndorseEnvelopeAsync(GatewayCallOptions? callOptions, CancellationToken cancellationToken)
    {
        var signed = await SignedAsync(cancellationToken).ConfigureAwait(false);
        var request = new EndorseRequest { TransactionId = TransactionId, ChannelId = _channel, ProposedTransaction = signed };
        request.EndorsingOrganizations.AddRange(_endorsingOrganizations);
        var response = await _gateway.CallAsync(
            GatewayMethods.Endorse, request, Call(GatewayOperation.Endorse), _gateway.Options.EndorseTimeout, callOptions, cancellationToken).ConfigureAwait(false);
        if (response.PreparedTransaction is not { Payload.IsEmpty: false } envelope)
        {
            throw new EndorseException(TransactionId, new global::Grpc.Core.Status(global::Grpc.Core.StatusCode.Internal, "the gateway returned no prepared transaction"));
        }

        return envelope;
    }

    private GatewayCall Call(GatewayOperation operation) => new(operation, _channel, _chaincode, TransactionId);

    private async Task<SignedProposal> SignedAsync(CancellationToken cancellationToken) =>
        new() { ProposalBytes = ProposalBytes, Signature = await _signed.GetAsync(cancellationToken).ConfigureAwait(false) };

    private ProposedTransaction ToMessage(ByteString signature)
    {
        var message = new ProposedTransaction
        {
            TransactionId = TransactionId,
            Proposal = new SignedProposal { ProposalBytes = ProposalBytes, Signature = signature },
        };
        message.EndorsingOrganizations.AddRange(_endorsingOrganizations);
        return message;
    }
}
