using System.Collections.Concurrent;
using Hyperledger.Fabric.Gateway;
using Hyperledger.Fabric.Identity;
using Google.Protobuf;
using HealthRecords.Client.Internal;
using HealthRecords.Domain;
using HealthRecords.Domain.Contracts;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Peer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthRecords.Client;

/// <summary>
/// Lets a custodian's data server ask the ledger, before it serves a record, whether the requester may read
/// it for a purpose. The chaincode's <c>CheckAccess</c> only answers about the identity that signed the
/// proposal, so the requester signs one (<see cref="HealthRecordsClient.CreateAccessQueryAsync"/>) and sends it
/// with its request; the guard checks that the query asks exactly about this record, purpose and action,
/// is fresh, is not replayed and is signed by its creator, then evaluates it through the custodian's own
/// gateway (the peer checks the signature again) and returns the ledger's decision.
/// </summary>
/// <remarks>
/// <c>CheckAccess</c> is a query and leaves no audit entry; a data server that must log reads should ask
/// the requester to go through <c>RequestAccess</c>. A query is a bearer token for <see cref="ConsentGuardOptions.MaxAge"/>:
/// carry it over TLS.
/// </remarks>
public sealed class ConsentGuard
{
    private readonly IGateway _gateway;
    private readonly ConsentGuardOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <summary>Creates the guard.</summary>
    /// <param name="gateway">The custodian's gateway (any identity; it only relays the requester's signed query).</param>
    /// <param name="options">Channel, chaincode, freshness; null for the defaults.</param>
    public ConsentGuard(IGateway gateway, ConsentGuardOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        _gateway = gateway;
        _options = options ?? new ConsentGuardOptions();
        _logger = (_options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ConsentGuard>();
    }

    /// <summary>Decides whether the signer of <paramref name="query"/> may read record <paramref name="recordId"/> of <paramref name="patientId"/> for <paramref name="purpose"/>.</summary>
    /// <param name="query">The requester's signed query.</param>
    /// <param name="patientId">The patient the record belongs to.</param>
    /// <param name="recordId">The record about to be served.</param>
    /// <param name="purpose">The purpose the requester declared (e.g. <c>treatment</c>).</param>
    /// <param name="cancellationToken">Cancels the ledger call.</param>
    /// <returns>The decision; denied without asking the ledger when the query is invalid, for something else, stale or replayed.</returns>
    /// <exception cref="HealthRecordsException">The chaincode refused the query (e.g. NOT_FOUND for an unknown record).</exception>
    /// <exception cref="GatewayException">The ledger could not be asked.</exception>
    public async Task<ConsentGuardDecision> AuthorizeReadAsync(
        AccessQuery query, string patientId, string recordId, string purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        ArgumentException.ThrowIfNullOrEmpty(recordId);
        ArgumentException.ThrowIfNullOrEmpty(purpose);

        Parsed parsed;
        try
        {
            parsed = Parse(query);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or DomainException or CryptoMaterialException or System.Security.Cryptography.CryptographicException or ArgumentException or FormatException)
        {
            return Deny("invalid-query", $"The access query is not a signed CheckAccess proposal: {e.Message}", null, recordId);
        }

        // Parsed from the query, so owned here; the decision keeps only the creator's MSP id and id.
        using var creatorCertificate = parsed.Creator.Certificate;

        if (parsed.Channel != _options.Channel || parsed.Chaincode != _options.ChaincodeName || parsed.Function != Functions.CheckAccess)
        {
            return Deny("query-mismatch", $"The query calls {parsed.Chaincode}.{parsed.Function} on {parsed.Channel}, not {_options.ChaincodeName}.{Functions.CheckAccess} on {_options.Channel}.", parsed, recordId);
        }

        var request = parsed.Request!;
        if (request.PatientId != patientId || request.RecordId != recordId || request.Purpose != purpose || request.Action != "read" || request.Category is not null)
        {
            return Deny("query-mismatch", $"The query asks to {request.Action} record {request.RecordId} of {request.PatientId} for {request.Purpose}, not to read {recordId} of {patientId} for {purpose}.", parsed, recordId);
        }

        var now = _options.TimeProvider.GetUtcNow();
        if ((now - parsed.Timestamp).Duration() > _options.MaxAge)
        {
            return Deny("query-expired", $"The query was signed at {parsed.Timestamp:O}; it must be within {_options.MaxAge} of now ({now:O}).", parsed, recordId);
        }

        if (!EcdsaSignatures.Verify(parsed.Creator.Certificate, parsed.ProposalBytes.Span, query.Signature.Span))
        {
            return Deny("bad-signature", "The query's signature does not verify with its creator's certificate.", parsed, recordId);
        }

        if (_options.RejectReplays && !Remember(parsed.TransactionId, now))
        {
            return Deny("query-replayed", $"The query {parsed.TransactionId} was already used.", parsed, recordId);
        }

        ReadOnlyMemory<byte> result;
        try
        {
            result = await _gateway.NewSignedProposal(query.Proposal, query.Signature).EvaluateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (GatewayException e) when (ChaincodeErrorParser.TryMap(e, Functions.CheckAccess) is { } mapped)
        {
            HealthRecordsClientLog.ChaincodeError(_logger, Functions.CheckAccess, mapped.Code, mapped.TransactionId);
            throw mapped;
        }

        var decision = ResponseJson.Parse<AccessDecision>(result, Functions.CheckAccess);
        HealthRecordsClientLog.GuardDecision(_logger, decision.Allowed ? "allowed" : "denied", parsed.Creator.MspId, recordId, decision.Reason);
        return new ConsentGuardDecision(
            decision.Allowed, decision.Reason, decision.Basis, decision.ConsentId, decision.Message,
            parsed.Creator.MspId, parsed.Creator.Id, parsed.TransactionId);
    }

    private ConsentGuardDecision Deny(string reason, string message, Parsed? parsed, string recordId)
    {
        var mspId = parsed?.Creator.MspId ?? string.Empty;
        HealthRecordsClientLog.GuardDecision(_logger, "denied", mspId, recordId, reason);
        return new(false, reason, null, null, message, mspId, parsed?.Creator.Id ?? string.Empty, parsed?.TransactionId ?? string.Empty);
    }

    private bool Remember(string transactionId, DateTimeOffset now)
    {
        foreach (var (id, seenAt) in _seen)
        {
            if (now - seenAt > 2 * _options.MaxAge)
            {
                _seen.TryRemove(id, out _);
            }
        }

        return _seen.TryAdd(transactionId, now);
    }

    private static Parsed Parse(AccessQuery query)
    {
        var proposed = ProposedTransaction.Parser.ParseFrom(query.Proposal.Span);
        var proposalBytes = proposed.Proposal?.ProposalBytes ?? ByteString.Empty;
        var proposal = Proposal.Parser.ParseFrom(proposalBytes);
        var header = Header.Parser.ParseFrom(proposal.Header);
        var channelHeader = ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
        var signatureHeader = SignatureHeader.Parser.ParseFrom(header.SignatureHeader);
        var creator = X509Identity.FromSerializedIdentity(signatureHeader.Creator.Span);
        var payload = ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload);
        var spec = ChaincodeInvocationSpec.Parser.ParseFrom(payload.Input).ChaincodeSpec
            ?? throw new FormatException("The proposal has no chaincode spec.");
        var args = spec.Input?.Args ?? throw new FormatException("The proposal has no arguments.");
        if (channelHeader.Type != (int)HeaderType.EndorserTransaction || args.Count == 0)
        {
            throw new FormatException("The proposal is not a chaincode invocation.");
        }

        var function = args[0].ToStringUtf8();
        var request = function == Functions.CheckAccess && args.Count == 2
            ? HealthRecordsJson.Deserialize<CheckAccessRequest>(args[1].Span)
            : null;
        return new Parsed(
            proposalBytes.Memory, channelHeader.ChannelId, spec.ChaincodeId?.Name ?? string.Empty, args.Count == 2 ? function : function + "/" + args.Count,
            request, channelHeader.TxId, channelHeader.Timestamp?.ToDateTimeOffset() ?? DateTimeOffset.MinValue, creator);
    }

    private sealed record Parsed(
        ReadOnlyMemory<byte> ProposalBytes, string Channel, string Chaincode, string Function, CheckAccessRequest? Request,
        string TransactionId, DateTimeOffset Timestamp, X509Identity Creator);
}
