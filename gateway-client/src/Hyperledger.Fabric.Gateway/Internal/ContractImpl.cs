using System.Text;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>A chaincode (or contract) on a channel.</summary>
internal sealed class ContractImpl : IContract
{
    private readonly GatewayImpl _gateway;
    private readonly string _channel;

    public ContractImpl(GatewayImpl gateway, string channel, string chaincodeName, string? contractName)
    {
        _gateway = gateway;
        _channel = channel;
        ChaincodeName = chaincodeName;
        ContractName = contractName;
    }

    public string ChaincodeName { get; }

    public string? ContractName { get; }

    public Task<ReadOnlyMemory<byte>> EvaluateTransactionAsync(string name, params string[] arguments) =>
        EvaluateAsync(name, FromStrings(arguments), CancellationToken.None);

    public Task<ReadOnlyMemory<byte>> EvaluateTransactionAsync(string name, string[] arguments, CancellationToken cancellationToken) =>
        EvaluateAsync(name, FromStrings(arguments), cancellationToken);

    public Task<ReadOnlyMemory<byte>> EvaluateTransactionAsync(string name, byte[][] arguments, CancellationToken cancellationToken = default) =>
        EvaluateAsync(name, FromBytes(arguments), cancellationToken);

    public Task<ReadOnlyMemory<byte>> EvaluateAsync(string name, ProposalOptions? options = null, CancellationToken cancellationToken = default) =>
        NewProposal(name, options).EvaluateAsync(options?.CallOptions, cancellationToken);

    public Task<ReadOnlyMemory<byte>> SubmitTransactionAsync(string name, params string[] arguments) =>
        SubmitTransactionAsync(name, FromStrings(arguments), CancellationToken.None);

    public Task<ReadOnlyMemory<byte>> SubmitTransactionAsync(string name, string[] arguments, CancellationToken cancellationToken) =>
        SubmitTransactionAsync(name, FromStrings(arguments), cancellationToken);

    public Task<ReadOnlyMemory<byte>> SubmitTransactionAsync(string name, byte[][] arguments, CancellationToken cancellationToken = default) =>
        SubmitTransactionAsync(name, FromBytes(arguments), cancellationToken);

    public async Task<ReadOnlyMemory<byte>> SubmitTransactionAsync(string name, ProposalOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var submitted = await SubmitAsync(name, options, cancellationToken).ConfigureAwait(false);
        var status = await submitted.GetStatusAsync(options.CallOptions, cancellationToken).ConfigureAwait(false);
        if (!status.Successful)
        {
            throw new CommitException(status);
        }

        return submitted.Result;
    }

    public async Task<ISubmittedTransaction> SubmitAsync(string name, ProposalOptions? options = null, CancellationToken cancellationToken = default)
    {
        var transaction = await NewProposal(name, options).EndorseAsync(options?.CallOptions, cancellationToken).ConfigureAwait(false);
        return await transaction.SubmitAsync(options?.CallOptions, cancellationToken).ConfigureAwait(false);
    }

    public IProposal NewProposal(string name, ProposalOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _gateway.ThrowIfDisposed();
        options ??= new ProposalOptions();
        ArgumentNullException.ThrowIfNull(options.Arguments, nameof(options));
        ArgumentNullException.ThrowIfNull(options.TransientData, nameof(options));
        ArgumentNullException.ThrowIfNull(options.EndorsingOrganizations, nameof(options));
        var function = ContractName is null ? name : ContractName + ":" + name;
        var proposed = ProposalBuilder.Build(
            _gateway.Signing, _channel, ChaincodeName, function, options.Arguments, options.TransientData, options.EndorsingOrganizations);
        return new ProposalImpl(_gateway, proposed);
    }

    public Task<VerifiedReadResult> EvaluateVerifiedAsync(string name, string[] arguments, VerifiedReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return EvaluateVerifiedAsync(name, arguments.Select(Encoding.UTF8.GetBytes).ToArray(), options, cancellationToken);
    }

    public async Task<VerifiedReadResult> EvaluateVerifiedAsync(string name, byte[][] arguments, VerifiedReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(options);
        if (options.MspCaCertificates is null || options.MspCaCertificates.Count == 0)
        {
            throw new ArgumentException("VerifiedReadOptions.MspCaCertificates must name at least one organisation's CA certificates.", nameof(options));
        }

        if (options.MinimumOrganizations < 1)
        {
            throw new ArgumentException("VerifiedReadOptions.MinimumOrganizations must be at least 1.", nameof(options));
        }

        var proposal = (ProposalImpl)NewProposal(name, new ProposalOptions
        {
            Arguments = FromBytes(arguments).Arguments,
            TransientData = options.TransientData,
            EndorsingOrganizations = options.RequiredOrganizations,
        });

        // Endorse only: the prepared transaction is inspected and dropped, never signed or submitted.
        var envelope = await proposal.EndorseEnvelopeAsync(options.CallOptions, cancellationToken).ConfigureAwait(false);
        try
        {
            return EndorsementVerifier.Verify(proposal.TransactionId, proposal.ProposalBytes, envelope, options, DateTimeOffset.UtcNow);
        }
        catch (VerificationException e)
        {
            GatewayLog.VerificationFailed(_gateway.Logger, e.TransactionId, e.Reason);
            throw;
        }
    }

    private static ProposalOptions FromStrings(string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return new ProposalOptions().WithArguments(arguments);
    }

    private static ProposalOptions FromBytes(byte[][] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return new ProposalOptions { Arguments = arguments.Select(a => (ReadOnlyMemory<byte>)(a ?? throw new ArgumentException("An argument is null.", nameof(arguments)))).ToList() };
    }
}
