using System.Text;
using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Internal;
using HealthRecords.Domain.Ports;

namespace HealthRecords.Domain;

public sealed partial class HealthRecordsService
{
    /// <summary>
    /// Adds a record pointer (version 1) for a registered patient. Callers: a provider of any
    /// organisation (which becomes the custodian), or a device bound to the patient by
    /// <c>hrec.patient</c> that holds an active append consent for the category and purpose.
    /// Appends a <c>record-added</c> leaf and emits <see cref="EventNames.RecordAdded"/>.
    /// </summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The pointer's fields.</param>
    /// <param name="cancellationToken">Cancels ledger calls.</param>
    /// <returns>The stored pointer and its history position.</returns>
    /// <exception cref="DomainException">INVALID_ARGUMENT, NOT_FOUND (patient), FORBIDDEN (role, device binding or consent).</exception>
    public async Task<RecordResponse> AddRecordAsync(
        ITransactionContext context, AddRecordRequest request, CancellationToken cancellationToken = default)
    {
        var scope = Begin(context, request, cancellationToken);
        var patientId = Validate.PatientId(request.PatientId);
        var resourceType = Validate.ResourceType(request.ResourceType);
        var category = Validate.Category(request.Category);
        var location = Validate.Location(request.Location);
        var hash = Validate.ContentHash(request.ContentHash);
        var size = Validate.Size(request.Size);
        var mediaType = Validate.MediaType(request.MediaType);
        var purpose = Validate.Purpose(request.Purpose ?? "treatment");

        // The patient and the history head are the only keys an add reads: one round trip on Fabric 3.x.
        await scope.PrefetchAsync(
            scope.Ledger.CreateCompositeKey(Keys.Patient, patientId), LedgerMerkleStorage.HeadKey(scope.Ledger, patientId)).ConfigureAwait(false);
        await Actors.RequirePatientAsync(scope, patientId).ConfigureAwait(false);
        var consents = scope.Caller.Role == Role.Device ? await LoadConsentsAsync(scope, patientId).ConfigureAwait(false) : [];
        var decision = AccessRules.Decide(scope.Caller, Relation.None, patientId, null, category, "append", purpose, consents, scope.Now);
        if (!decision.Allowed)
        {
            throw DomainException.WithReason(DomainErrorCodes.Forbidden, "Append denied", decision.Reason, decision.Message);
        }

        var history = scope.History(patientId);
        var record = new RecordPointer(
            Ids.Derive(Ids.RecordPrefix, scope.TxId), patientId, resourceType, category, scope.Caller.MspId, location, hash, size,
            mediaType, scope.Actor, scope.Now, scope.TxId, 1, null, null, await history.NextIndexAsync().ConfigureAwait(false));
        return await StoreRecordAsync(scope, record, HistoryLeafTypes.RecordAdded).ConfigureAwait(false);
    }

    /// <summary>
    /// Corrects a record: stores a new version (same patient, resource type and category; version + 1;
    /// <c>supersedes</c> = the old id) and marks the old one <c>supersededBy</c>. Nothing is deleted.
    /// Caller: a provider of the old version's custodian organisation. Appends a <c>record-superseded</c>
    /// leaf and emits <see cref="EventNames.RecordAdded"/> (with <c>supersedes</c> set).
    /// </summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The record to supersede and the corrected content's pointer fields.</param>
    /// <param name="cancellationToken">Cancels ledger calls.</param>
    /// <returns>The new version and its history position.</returns>
    /// <exception cref="DomainException">INVALID_ARGUMENT, NOT_FOUND, FORBIDDEN, CONFLICT (already superseded).</exception>
    public async Task<RecordResponse> SupersedeRecordAsync(
        ITransactionContext context, SupersedeRecordRequest request, CancellationToken cancellationToken = default)
    {
        var scope = Begin(context, request, cancellationToken);
        var recordId = Validate.RecordId(request.RecordId);
        var location = Validate.Location(request.Location);
        var hash = Validate.ContentHash(request.ContentHash);
        var size = Validate.Size(request.Size);
        var mediaType = Validate.MediaType(request.MediaType);
        var old = await RequireRecordAsync(scope, recordId).ConfigureAwait(false);
        if (scope.Caller.Role != Role.Provider || scope.Caller.MspId != old.Custodian)
        {
            // Only those who may read the record directly learn why; to anyone else it refuses like a missing id,
            // so neither its existence nor its custodian leaks.
            var relation = await Actors.ResolveAsync(scope, old.PatientId).ConfigureAwait(false);
            throw relation is Relation.Self or Relation.Delegate
                ? DomainException.Forbidden($"Only providers of the record's custodian organisation may supersede record {recordId}.")
                : RecordNotVisible(recordId);
        }

        if (old.SupersededBy is not null)
        {
            throw DomainException.Conflict($"Record {recordId} was already superseded by {old.SupersededBy}; supersede the current version.");
        }

        var history = scope.History(old.PatientId);
        var record = new RecordPointer(
            Ids.Derive(Ids.RecordPrefix, scope.TxId), old.PatientId, old.ResourceType, old.Category, scope.Caller.MspId, location,
            hash, size, mediaType, scope.Actor, scope.Now, scope.TxId, old.Version + 1, old.RecordId, null,
            await history.NextIndexAsync().ConfigureAwait(false));
        await scope.PutAsync(old with { SupersededBy = record.RecordId }, Keys.Record, old.RecordId).ConfigureAwait(false);
        return await StoreRecordAsync(scope, record, HistoryLeafTypes.RecordSuperseded).ConfigureAwait(false);
    }

    /// <summary>
    /// Query: a record pointer with the inclusion proof of the leaf that added it. Direct reads are for
    /// the patient, a delegate and providers of the custodian organisation; everyone else uses
    /// <see cref="ReadRecordAsync"/>, which checks consent and logs the access.
    /// </summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The record id.</param>
    /// <param name="cancellationToken">Cancels ledger calls.</param>
    /// <returns>The pointer and proof.</returns>
    /// <exception cref="DomainException">INVALID_ARGUMENT, NOT_FOUND, FORBIDDEN.</exception>
    public async Task<RecordWithProofResponse> GetRecordAsync(
        ITransactionContext context, GetRecordRequest request, CancellationToken cancellationToken = default)
    {
        var scope = Begin(context, request, cancellationToken);
        var recordId = Validate.RecordId(request.RecordId);
        var record = await RequireRecordAsync(scope, recordId).ConfigureAwait(false);
        var relation = await Actors.ResolveAsync(scope, record.PatientId).ConfigureAwait(false);
        var custodian = scope.Caller.Role == Role.Provider && scope.Caller.MspId == record.Custodian;
        if (relation is not (Relation.Self or Relation.Delegate) && !custodian)
        {
            // The same answer as for a missing id: a refusal here would tell an outsider the id exists.
            throw RecordNotVisible(recordId);
        }

        var proof = await scope.History(record.PatientId).ProveAsync(record.HistoryIndex).ConfigureAwait(false);
        return new RecordWithProofResponse(record, proof, await SaltAsync(scope, record.RecordId).ConfigureAwait(false));
    }

    /// <summary>
    /// Query: one page of a patient's record summaries (no location or hash), ordered by category,
    /// time and record id. The patient and delegates list everything; other callers must name a
    /// category and pass the access rules for reading it with the request's purpose.
    /// </summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The patient, optional category and purpose, page size and bookmark.</param>
    /// <param name="cancellationToken">Cancels ledger calls.</param>
    /// <returns>The page and the next bookmark.</returns>
    /// <exception cref="DomainException">INVALID_ARGUMENT, NOT_FOUND, FORBIDDEN (with the access reason).</exception>
    public async Task<ListRecordsResponse> ListRecordsAsync(
        ITransactionContext context, ListRecordsRequest request, CancellationToken cancellationToken = default)
    {
        var scope = Begin(context, request, cancellationToken);
        var patientId = Validate.PatientId(request.PatientId);
        var category = request.Category is null ? null : Validate.Category(request.Category);
        var purpose = Validate.Purpose(request.Purpose ?? "treatment");
        var pageSize = Validate.PageSize(request.PageSize, _options);
        var bookmark = Validate.Bookmark(request.Bookmark);
        await Actors.RequirePatientAsync(scope, patientId).ConfigureAwait(false);
        var relation = await Actors.ResolveAsync(scope, patientId).ConfigureAwait(false);
        if (relation is not (Relation.Self or Relation.Delegate))
        {
            if (category is null)
            {
                throw DomainException.Forbidden("Callers other than the patient and delegates must list one category they may read.");
            }

            var consents = await LoadConsentsAsync(scope, patientId).ConfigureAwait(false);
            var decision = AccessRules.Decide(scope.Caller, relation, patientId, null, category, "read", purpose, consents, scope.Now);
            if (!decision.Allowed)
            {
                throw DomainException.WithReason(DomainErrorCodes.Forbidden, "Listing denied", decision.Reason, decision.Message);
            }
        }

        string[] prefix = category is null ? [patientId] : [patientId, category];
        var page = await scope.PageAsync(Keys.RecordIndex, prefix, pageSize, bookmark).ConfigureAwait(false);
        var summaries = new List<RecordSummary>(page.Entries.Count);
        foreach (var entry in page.Entries)
        {
            var record = await IndexedRecordAsync(scope, entry, patientId, category).ConfigureAwait(false);
            summaries.Add(new RecordSummary(
                record.RecordId, record.PatientId, record.ResourceType, record.Category, record.Custodian, record.RecordedAt,
                record.Version, record.Supersedes, record.SupersededBy));
        }

        return new ListRecordsResponse(summaries, page.Bookmark, page.FetchedCount);
    }

    private async Task<RecordResponse> StoreRecordAsync(TxScope scope, RecordPointer record, string leafType)
    {
        var salt = RecordSalts.Derive(scope.Binding.Span, record.RecordId);
        await scope.PutAsync(record, Keys.Record, record.RecordId).ConfigureAwait(false);
        await scope.PutRawAsync(salt, Keys.RecordSalt, record.RecordId).ConfigureAwait(false);
        await scope.PutRawAsync(
            Encoding.UTF8.GetBytes(record.RecordId), Keys.RecordIndex, record.PatientId, record.Category,
            Rfc3339.ToText(record.RecordedAt), record.RecordId).ConfigureAwait(false);

        // The leaf commits to the pointer without revealing it; the salt is served only with the pointer.
        var appended = await scope.History(record.PatientId)
            .AppendAsync(leafType, RecordCommitment.For(record, salt), record.HistoryIndex, version: 2).ConfigureAwait(false);
        scope.Emit(NewEvent(scope, EventNames.RecordAdded, record.PatientId, appended) with
        {
            RecordId = record.RecordId,
            Supersedes = record.Supersedes,
            Category = record.Category,
        });
        return new RecordResponse(record, appended);
    }

    /// <summary>
    /// The record an index entry names, checked to belong to the listed patient (and category). An
    /// entry that does not is a broken invariant: it fails as INTERNAL, whose message names nothing
    /// stored, so a listing can never echo a value it was not entitled to return.
    /// </summary>
    private static async Task<RecordPointer> IndexedRecordAsync(TxScope scope, LedgerEntry entry, string patientId, string? category)
    {
        var recordId = Encoding.UTF8.GetString(entry.Value);
        var record = Validate.IsRecordId(recordId)
            ? await scope.GetAsync<RecordPointer>(Keys.Record, recordId).ConfigureAwait(false)
            : null;
        return record is not null && record.PatientId == patientId && (category is null || record.Category == category)
            ? record
            : throw new InvalidOperationException("A record index entry does not match a record of the listed patient.");
    }

    /// <summary>The record's commitment salt as hex, or null for a record whose leaf predates commitments.</summary>
    private static async Task<string?> SaltAsync(TxScope scope, string recordId)
    {
        var salt = await scope.Ledger.GetStateAsync(scope.Ledger.CreateCompositeKey(Keys.RecordSalt, recordId), scope.CancellationToken)
            .ConfigureAwait(false);
        return salt is null or { Length: 0 } ? null : Hex.Of(salt);
    }

    private static async Task<RecordPointer> RequireRecordAsync(TxScope scope, string recordId) =>
        await scope.GetAsync<RecordPointer>(Keys.Record, recordId).ConfigureAwait(false) ?? throw RecordNotVisible(recordId);

    /// <summary>A record of the request's patient, or NOT_FOUND alike whether the id is missing or another patient's.</summary>
    private static async Task<RecordPointer> RequirePatientRecordAsync(TxScope scope, string patientId, string recordId)
    {
        var record = await scope.GetAsync<RecordPointer>(Keys.Record, recordId).ConfigureAwait(false);
        return record is not null && record.PatientId == patientId
            ? record
            : throw DomainException.NotFound($"Record {recordId} of patient '{patientId}' does not exist.");
    }

    /// <summary>
    /// The one refusal for a record id the request does not tie to a patient: missing, and present but not the
    /// caller's to see, read the same, so the answer is no oracle of which ids exist (docs/security.md).
    /// </summary>
    private static DomainException RecordNotVisible(string recordId) =>
        DomainException.NotFound(
            $"Record {recordId} does not exist or is not visible to the caller; readers under consent use RequestAccess, then ReadAccessedRecords.");

    private static async Task<List<Consent>> LoadConsentsAsync(TxScope scope, string patientId)
    {
        var consents = new List<Consent>();
        await foreach (var consent in scope.ScanAsync<Consent>(Keys.Consent, [patientId], scope.CancellationToken).ConfigureAwait(false))
        {
            consents.Add(consent);
        }

        return consents;
    }

    private static HealthRecordsEvent NewEvent(TxScope scope, string type, string patientId, HistoryAppend appended) =>
        new(type, scope.TxId, patientId, scope.Actor, null, null, null, null, null, null, null, false,
            appended.LeafIndex, appended.TreeSize, appended.RootHash);
}
