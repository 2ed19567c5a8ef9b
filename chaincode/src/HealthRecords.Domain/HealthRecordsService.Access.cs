using System.Text;
using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Internal;
using HealthRecords.Domain.Ports;

namespace HealthRecords.Domain;

public sealed partial class HealthRecordsService
{
    /// <summary>
    /// Step one of a consented read (submit it as a transaction): checks the access rules and logs an
    /// access entry (who, what, why, basis, consent, time, tx id), appends a <c>record-accessed</c> leaf
    /// and emits <see cref="EventNames.RecordAccessed"/>. It returns no pointer: Fabric runs every
    /// transaction at endorsement before anything commits, so a pointer returned here would leave
    /// unlogged whenever the transaction is only evaluated or endorsed. Step two,
    /// <see cref="ReadAccessedRecordsAsync"/>, serves the pointer against the committed entry. When
    /// denied it writes nothing and throws FORBIDDEN naming the reason code.
    /// </summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The record and the purpose of use.</param>
    /// <param name="cancellationToken">Cancels ledger calls.</param>
    /// <returns>The access entry and its history position.</returns>
    /// <exception cref="DomainException">INVALID_ARGUMENT, NOT_FOUND, FORBIDDEN.</exception>
    public async Task<AccessGrantResponse> RequestAccessAsync(
        ITransactionContext context, ReadRecordRequest request, CancellationToken cancellationToken = default)
    {
        var scope = Begin(context, request, cancellationToken);
        var recordId = Validate.RecordId(request.RecordId);
        var purpose = Validate.Purpose(request.Purpose);
        var record = await RequireRecordAsync(scope, recordId).ConfigureAwait(false);
        var relation = await Actors.ResolveAsync(scope, record.PatientId).ConfigureAwait(false);
        var consents = await LoadConsentsAsync(scope, record.PatientId).ConfigureAwait(false);
        var decision = AccessRules.Decide(
            scope.Caller, relation, record.PatientId, record, record.Category, "read", purpose, consents, scope.Now);
        if (!decision.Allowed)
        {
            // The reason is only for a caller with standing towards the record's patient; to anyone else an
            // existing record refuses exactly like a missing id, so neither its existence nor its patient leaks.
            throw HasStanding(scope.Caller, relation, consents)
                ? DomainException.WithReason(DomainErrorCodes.Forbidden, "Access denied", decision.Reason, decision.Message)
                : RecordNotVisible(recordId);
        }

        var history = scope.History(record.PatientId);
        var access = new AccessEntry(
            Ids.Derive(Ids.AccessPrefix, scope.TxId), record.PatientId, [recordId], scope.Actor, purpose, decision.Basis!,
            decision.ConsentId, false, null, scope.Now, scope.TxId, await history.NextIndexAsync().ConfigureAwait(false));
        var appended = await LogAccessAsync(scope, access, HistoryLeafTypes.RecordAccessed).ConfigureAwait(false);
        scope.Emit(NewEvent(scope, EventNames.RecordAccessed, record.PatientId, appended) with
        {
            AccessId = access.AccessId,
            RecordIds = access.RecordIds,
            ConsentId = access.ConsentId,
        });
        return new AccessGrantResponse(access, appended);
    }

    /// <summary>
    /// Break-glass access, step one: only for role <c>emergency</c>, with a mandatory reason, regardless of
    /// consent. Names one record, or the current records of a category (or of all categories),
    /// newest first, at most <see cref="HealthRecordsOptions.MaxEmergencyRecords"/>, in a flagged access
    /// entry: an <c>emergency-access</c> leaf and an <see cref="EventNames.EmergencyAccess"/> event. Like
    /// <see cref="RequestAccessAsync"/> it returns no pointer; <see cref="ReadAccessedRecordsAsync"/>
    /// releases the named records once the entry is committed.
    /// </summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The patient, an optional record or category, and the reason.</param>
    /// <param name="cancellationToken">Cancels ledger calls.</param>
    /// <returns>The flagged access entry and its history position.</returns>
    /// <exception cref="DomainException">INVALID_ARGUMENT, NOT_FOUND, FORBIDDEN (not the emergency role).</exception>
    public async Task<AccessGrantResponse> EmergencyAccessAsync(
        ITransactionContext context, EmergencyAccessRequest request, CancellationToken cancellationToken = default)
    {
        var scope = Begin(context, request, cancellationToken);
        var patientId = Validate.PatientId(request.PatientId);
        var reason = Validate.Reason(request.Reason);
        if (request.RecordId is not null && request.Category is not null)
        {
            throw DomainException.Invalid("Name a record id or a category, not both.");
        }

        var recordId = request.RecordId is null ? null : Validate.RecordId(request.RecordId);
        var category = request.Category is null ? null : Validate.Category(request.Category);
        if (scope.Caller.Role != Role.Emergency)
        {
            throw DomainException.Forbidden("Break-glass access is only for identities with role 'emergency'.");
        }

        await Actors.RequirePatientAsync(scope, patientId).ConfigureAwait(false);
        List<RecordPointer> records;
        if (recordId is not null)
        {
            records = [await RequirePatientRecordAsync(scope, patientId, recordId).ConfigureAwait(false)];
        }
        else
        {
            records = await CurrentRecordsAsync(scope, patientId, category).ConfigureAwait(false);
            records = [.. records.OrderByDescending(r => r.RecordedAt).ThenBy(r => r.RecordId, StringComparer.Ordinal)
                .Take(_options.MaxEmergencyRecords)];
        }

        var history = scope.History(patientId);
        var access = new AccessEntry(
            Ids.Derive(Ids.AccessPrefix, scope.TxId), patientId, [.. records.Select(r => r.RecordId).Order(StringComparer.Ordinal)],
            scope.Actor, "emergency", "break-glass", null, true, reason, scope.Now, scope.TxId,
            await history.NextIndexAsync().ConfigureAwait(false));
        var appended = await LogAccessAsync(scope, access, HistoryLeafTypes.EmergencyAccess).ConfigureAwait(false);
        scope.Emit(NewEvent(scope, EventNames.EmergencyAccess, patientId, appended) with
        {
            AccessId = access.AccessId,
            RecordIds = access.RecordIds,
            Emergency = true,
        });
        return new AccessGrantResponse(access, appended);
    }

    /// <summary>Query: one page of a patient's access log, oldest first. Caller: the patient, a delegate or an auditor (of any organisation).</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The patient, page size and bookmark.</param>
    /// <param name="cancellationToken">Cancels ledger calls.</param>
    /// <returns>The page and the next bookmark.</returns>
    /// <exception cref="DomainException">INVALID_ARGUMENT, NOT_FOUND, FORBIDDEN.</exception>
    public async Task<ListAccessLogResponse> ListAccessLogAsync(
        ITransactionContext context, ListAccessLogRequest request, CancellationToken cancellationToken = default)
    {
        var scope = Begin(context, request, cancellationToken);
        var patientId = Validate.PatientId(request.PatientId);
        var pageSize = Validate.PageSize(request.PageSize, _options);
        var bookmark = Validate.Bookmark(request.Bookmark);
        await Actors.RequirePatientDelegateOrAuditorAsync(scope, patientId, "list the access log").ConfigureAwait(false);
        var page = await scope.PageAsync(Keys.Access, [patientId], pageSize, bookmark).ConfigureAwait(false);
        return new ListAccessLogResponse([.. page.Entries.Select(e => TxScope.Read<AccessEntry>(e.Value))], page.Bookmark, page.FetchedCount);
    }

    private static async Task<HistoryAppend> LogAccessAsync(TxScope scope, AccessEntry access, string leafType)
    {
        var accessedAt = Rfc3339.ToText(access.AccessedAt);
        await scope.PutAsync(access, Keys.Access, access.PatientId, accessedAt, access.AccessId).ConfigureAwait(false);
        await scope.PutRawAsync(Encoding.UTF8.GetBytes(accessedAt), Keys.AccessRef, access.PatientId, access.AccessId).ConfigureAwait(false);
        return await scope.History(access.PatientId).AppendAsync(leafType, access, access.HistoryIndex).ConfigureAwait(false);
    }

    /// <summary>The current (not superseded) records of a patient, optionally of one category, in index order.</summary>
    private static async Task<List<RecordPointer>> CurrentRecordsAsync(TxScope scope, string patientId, string? category)
    {
        string[] prefix = category is null ? [patientId] : [patientId, category];
        var records = new List<RecordPointer>();
        await foreach (var entry in scope.ScanAsync(Keys.RecordIndex, prefix, scope.CancellationToken).ConfigureAwait(false))
        {
            var record = await IndexedRecordAsync(scope, entry, patientId, category).ConfigureAwait(false);
            if (record.SupersededBy is null)
            {
                records.Add(record);
            }
        }

        return records;
    }
}
