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
/// Lets a custodian's data server serve a record's content only against a committed access entry. The
/// requester first submits <c>RequestAccess</c> (or <c>EmergencyAccess</c>), which commits an entry in the
/// patient's log; then it signs a <c>ReadAccessedRecords</c> proposal for that entry
/// (<see cref="HealthRecordsClient.CreateAccessQueryAsync"/>) and sends it with its request. The guard checks
/// that the query is that call for this patient, is fresh, is not replayed and is signed by its creator, then
/// evaluates it through the custodian's own gateway: the chaincode answers only if the entry is committed,
/// names the signer, is within its window and consent still allows it. The guard allows the read only if the
/// entry names this record and purpose, and returns the ledger's pointer with the decision.
/// </summary>
/// <remarks>
/// Every allowed read is therefore already in the patient's log. A query is a bearer token for
/// <see cref="ConsentGuardOptions.MaxAge"/>: carry it over TLS.
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

    /// <summary>
    /// Decides whether the signer of <paramref name="query"/> may read record <paramref name="recordId"/> of
    /// <paramref name="patientId"/> for <paramref name="purpose"/>: only when a committed access entry of the signer
    /// covers that record and purpose.
    /// </summary>
    /// <param name="query">The requester's signed <c>ReadAccessedRecords</c> query.</param>
    /// <param name="patientId">The patient the record belongs to.</param>
    /// <param name="recordId">The record about to be served.</param>
    /// <param name="purpose">The purpose the requester declared (e.g. <c>treatment</c>).</param>
    /// <param name="cancellationToken">Cancels the ledger call.</param>
    /// <returns>
    /// The decision, with the entry and the ledger's pointer when allowed. Denied without asking the ledger when the
    /// query is invalid, for something else, stale or replayed; denied with <c>no-committed-access</c> when the
    /// ledger has no committed entry of the signer by that id, and with the ledger's reason when it refuses.
    /// </returns>
    /// <exception cref="HealthRecordsException">The chaincode failed otherwise (e.g. INVALID_ARGUMENT).</exception>
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
            return Deny("invalid-query", $"The access query is not a signed {Functions.ReadAccessedRecords} proposal: {e.Message}", null, recordId);
        }

        // Parsed from the query, so owned here; the decision keeps only the creator's MSP id and id.
        using var creatorCertificate = parsed.Creator.Certificate;

        if (parsed.Channel != _options.Channel || parsed.Chaincode != _options.ChaincodeName || parsed.Function != Functions.ReadAccessedRecords)
        {
            return Deny("query-mismatch", $"The query calls {parsed.Chaincode}.{parsed.Function} on {parsed.Channel}, not {_options.ChaincodeName}.{Functions.ReadAccessedRecords} on {_options.Channel}.", parsed, recordId);
        }

        var request = parsed.Request!;
        if (request.PatientId != patientId)
        {
            return Deny("query-mismatch", $"The query reads access {request.AccessId} of {request.PatientId}, not an access to {patientId}'s records.", parsed, recordId);
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
        catch (GatewayException e) when (ChaincodeErrorParser.TryMap(e, Functions.ReadAccessedRecords) is { } mapped)
        {
            HealthRecordsClientLog.ChaincodeError(_logger, Functions.ReadAccessedRecords, mapped.Code, mapped.TransactionId);
            return mapped.Code switch
            {
                HealthRecordsErrorCode.NotFound => Deny("no-committed-access", $"The ledger has no committed access {request.AccessId} of {patientId}: submit RequestAccess and wait for its commit.", parsed, recordId),
                HealthRecordsErrorCode.Forbidden => Deny(mapped.Reason ?? "forbidden", $"The ledger refused access {request.AccessId}: {mapped.Message}", parsed, recordId),
                _ => throw mapped,
            };
        }

        var read = ResponseJson.Parse<AccessedRecordsResponse>(result, Functions.ReadAccessedRecords);
        var access = read.Access;
        var item = read.Records.FirstOrDefault(r => r.Record.RecordId == recordId);
        if (access.AccessId != request.AccessId || access.PatientId != patientId
            || access.Accessor.MspId != parsed.Creator.MspId || access.Accessor.Id != parsed.Creator.Id)
        {
            return Deny("query-mismatch", $"The ledger answered for access {access.AccessId} of {access.Accessor.MspId}, not the query's.", parsed, recordId);
        }

        if (item is null || item.Record.PatientId != patientId)
        {
            return Deny("record-not-covered", $"Access {access.AccessId} does not name record {recordId}.", parsed, recordId);
        }

        if (access.Purpose != purpose)
        {
            return Deny("purpose-mismatch", $"Access {access.AccessId} was logged for purpose '{access.Purpose}', not '{purpose}'.", parsed, recordId);
        }

        Proofs.HistoryProofs.VerifyRecord(item);
        HealthRecordsClientLog.GuardDecision(_logger, "allowed", parsed.Creator.MspId, recordId, access.Basis);
        return new ConsentGuardDecision(
            true, access.Basis, access.Basis, access.ConsentId, $"Access {access.AccessId} ({access.Basis}) is committed at leaf {access.HistoryIndex} of {patientId}'s log.",
            parsed.Creator.MspId, parsed.Creator.Id, parsed.TransactionId, access.AccessId, item.Record);
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
        var request = function == Functions.ReadAccessedRecords && args.Count == 2
            ? HealthRecordsJson.Deserialize<AccessedRecordsRequest>(args[1].Span)
            : null;
        return new Parsed(
            proposalBytes.Memory, channelHeader.ChannelId, spec.ChaincodeId?.Name ?? string.Empty, args.Count == 2 ? function : function + "/" + args.Count,
            request, channelHeader.TxId, channelHeader.Timestamp?.ToDateTimeOffset() ?? DateTimeOffset.MinValue, creator);
    }

    private sealed record Parsed(
        ReadOnlyMemory<byte> ProposalBytes, string Channel, string Chaincode, string Function, AccessedRecordsRequest? Request,
        string TransactionId, DateTimeOffset Timestamp, X509Identity Creator);
}
