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
    private readonly IReadOnlyList<string> _endorsingOrganizations;
    private ByteString _signature;

    public ProposalImpl(GatewayImpl gateway, ProposedTransaction proposed)
    {
        _gateway = gateway;
        TransactionId = proposed.TransactionId;
        ProposalBytes = proposed.Proposal.ProposalBytes;
        _signature = proposed.Proposal.Signature;
        _endorsingOrganizations = [.. proposed.EndorsingOrganizations];
        try
        {
            _channel = ProposalBuilder.ChannelOf(ProposalBytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ArgumentException("The proposal bytes do not hold a Fabric proposal: " + e.Message, nameof(proposed), e);
        }

        Digest = gateway.Signing.Digest(ProposalBytes.Span);
    }

    public string TransactionId { get; }

    public ByteString ProposalBytes { get; }

    public ReadOnlyMemory<byte> Bytes => ToMessage(Volatile.Read(ref _signature)).ToByteArray();

    public ReadOnlyMemory<byte> Digest { get; }

    public async Task<ReadOnlyMemory<byte>> EvaluateAsync(CancellationToken cancellationToken = default)
    {
        var signed = await SignedAsync(cancellationToken).ConfigureAwait(false);
        var request = new EvaluateRequest { TransactionId = TransactionId, ChannelId = _channel, ProposedTransaction = signed };
        request.TargetOrganizations.AddRange(_endorsingOrganizations);
        var response = await _gateway.CallAsync(
            GatewayMethods.Evaluate, request, GatewayOperation.Evaluate, TransactionId, _channel, _gateway.Options.EvaluateTimeout, cancellationToken).ConfigureAwait(false);
        return (response.Result?.Payload ?? ByteString.Empty).Memory;
    }

    public async Task<ITransaction> EndorseAsync(CancellationToken cancellationToken = default)
    {
        var envelope = await EndorseEnvelopeAsync(cancellationToken).ConfigureAwait(false);
        return new TransactionImpl(_gateway, new PreparedTransaction { TransactionId = TransactionId, Envelope = envelope });
    }

    /// <summary>Endorses and returns the prepared (unsigned) transaction envelope.</summary>
    public async Task<Envelope> EndorseEnvelopeAsync(CancellationToken cancellationToken)
    {
        var signed = await SignedAsync(cancellationToken).ConfigureAwait(false);
        var request = new EndorseRequest { TransactionId = TransactionId, ChannelId = _channel, ProposedTransaction = signed };
        request.EndorsingOrganizations.AddRange(_endorsingOrganizations);
        var response = await _gateway.CallAsync(
            GatewayMethods.Endorse, request, GatewayOperation.Endorse, TransactionId, _channel, _gateway.Options.EndorseTimeout, cancellationToken).ConfigureAwait(false);
        if (response.PreparedTransaction is not { Payload.IsEmpty: false } envelope)
        {
            throw new EndorseException(TransactionId, new global::Grpc.Core.Status(global::Grpc.Core.StatusCode.Internal, "the gateway returned no prepared transaction"));
        }

        return envelope;
    }

    private async Task<SignedProposal> SignedAsync(CancellationToken cancellationToken)
    {
        var signature = Volatile.Read(ref _signature);
        if (signature.IsEmpty)
        {
            signature = await _gateway.Signing.SignAsync(ProposalBytes.Memory, "Proposal", cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _signature, signature);
        }

        return new SignedProposal { ProposalBytes = ProposalBytes, Signature = signature };
    }

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
