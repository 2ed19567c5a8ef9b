using System.Text;
using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Internal;
using HealthRecords.Domain.Ports;

namespace HealthRecords.Domain;

public sealed partial class HealthRecordsService
{
    /// <summary>
    /// Query, step two of a logged read: the pointers a committed access entry covers, to the identity
    /// it names. The entry must be committed (the ledger reads committed state only, so an entry that
    /// was only evaluated or endorsed does not exist here), belong to the caller (same MSP id and
    /// identity), and the transaction time must lie within <see cref="HealthRecordsOptions.AccessWindow"/>
    /// after it. Consent is checked again against committed state, so a revocation after the entry wins;
    /// a break-glass entry needs the caller to still hold role <c>emergency</c>. Only the records the
    /// entry names are returned.
    /// </summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The patient and the access entry's id.</param>
    /// <param name="cancellationToken">Cancels ledger calls.</param>
    /// <returns>The entry and its records, each with the inclusion proof of the leaf that added it.</returns>
    /// <exception cref="DomainException">INVALID_ARGUMENT, NOT_FOUND (no committed entry names the caller: missing and another identity's alike), FORBIDDEN (outside the window, consent no longer allows it).</exception>
    public async Task<AccessedRecordsResponse> ReadAccessedRecordsAsync(
        ITransactionContext context, AccessedRecordsRequest request, CancellationToken cancellationToken = default)
    {
        var scope = Begin(context, request, cancellationToken);
        var patientId = Validate.PatientId(request.PatientId);
        var accessId = Validate.AccessId(request.AccessId);
        var access = await CommittedAccessAsync(scope, patientId, accessId).ConfigureAwait(false);
        if (access is null || access.Accessor.MspId != scope.Caller.MspId || access.Accessor.Id != scope.Caller.Id)
        {
            // Another identity's entry reads like a missing one: nobody but its accessor learns that it exists.
            throw DomainException.WithReason(
                DomainErrorCodes.NotFound,
                "Access entry not found",
                RefusalReasons.AccessNotCommitted,
                $"no committed access {accessId} of patient '{patientId}' names the caller; submit RequestAccess or EmergencyAccess as yourself and wait for its commit.");
        }

        if (scope.Now < access.AccessedAt || scope.Now > access.AccessedAt + _options.AccessWindow)
        {
            throw DomainException.Forbidden(
                $"Access {accessId} is outside its validity window ({_options.AccessWindow.TotalMinutes:0.##} minutes after it was logged); request access again.");
        }

        var records = new List<RecordPointer>(access.RecordIds.Count);
        foreach (var recordId in access.RecordIds)
        {
            var record = Validate.IsRecordId(recordId) ? await scope.GetAsync<RecordPointer>(Keys.Record, recordId).ConfigureAwait(false) : null;
            records.Add(record is not null && record.PatientId == patientId
                ? record
                : throw new InvalidOperationException("An access entry names a record that is not the patient's."));
        }

        await RecheckAsync(scope, access, records).ConfigureAwait(false);
        var history = scope.History(patientId);
        var proven = new List<RecordWithProofResponse>(records.Count);
        foreach (var record in records)
        {
            proven.Add(new RecordWithProofResponse(
                record, await history.ProveAsync(record.HistoryIndex).ConfigureAwait(false), await SaltAsync(scope, record.RecordId).ConfigureAwait(false)));
        }

        return new AccessedRecordsResponse(access, proven);
    }

    /// <summary>The committed access entry of the patient with this id, or null when none is committed on this peer.</summary>
    private static async Task<AccessEntry?> CommittedAccessAsync(TxScope scope, string patientId, string accessId)
    {
        var at = await scope.Ledger.GetStateAsync(scope.Ledger.CreateCompositeKey(Keys.AccessRef, patientId, accessId), scope.CancellationToken)
            .ConfigureAwait(false);
        if (at is null or { Length: 0 })
        {
            return null;
        }

        var access = await scope.GetAsync<AccessEntry>(Keys.Access, patientId, Encoding.UTF8.GetString(at), accessId).ConfigureAwait(false);
        return access is not null && access.PatientId == patientId && access.AccessId == accessId
            ? access
            : throw new InvalidOperationException("An access reference does not match its access entry.");
    }

    /// <summary>The rules again, on committed state at read time: a consent revoked or expired since the entry wins.</summary>
    private static async Task RecheckAsync(TxScope scope, AccessEntry access, List<RecordPointer> records)
    {
        if (access.Emergency)
        {
            if (scope.Caller.Role != Role.Emergency)
            {
                throw DomainException.Forbidden("Break-glass entries are read only by identities that still hold role 'emergency'.");
            }

            return;
        }

        var relation = await Actors.ResolveAsync(scope, access.PatientId).ConfigureAwait(false);
        var consents = await LoadConsentsAsync(scope, access.PatientId).ConfigureAwait(false);
        foreach (var record in records)
        {
            var decision = AccessRules.Decide(
                scope.Caller, relation, access.PatientId, record, record.Category, "read", access.Purpose, consents, scope.Now);
            if (!decision.Allowed)
            {
                throw DomainException.WithReason(DomainErrorCodes.Forbidden, "Access denied", decision.Reason, decision.Message);
            }
        }
    }
}
