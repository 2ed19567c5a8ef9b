using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Internal;
using HealthRecords.Domain.Ports;

namespace HealthRecords.Domain;

public sealed partial class HealthRecordsService
{
    private const int MaxScopeEntries = 64;

    /// <summary>
    /// Grants a consent (FHIR Consent, provision permit). Caller: the patient or an active delegate.
    /// Appends a <c>consent-granted</c> leaf and emits <see cref="EventNames.ConsentGranted"/>.
    /// </summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">Grantee, actions, scope, purpose and validity.</param>
    /// <param name="cancellationToken">Cancels ledger calls.</param>
    /// <returns>The stored consent and its history position.</returns>
    /// <exception cref="DomainException">INVALID_ARGUMENT, NOT_FOUND (patient or a scoped record), FORBIDDEN.</exception>
    public async Task<ConsentResponse> GrantConsentAsync(
        ITransactionContext context, GrantConsentRequest request, CancellationToken cancellationToken = default)
    {
        var scope = Begin(context, request, cancellationToken);
        var patientId = Validate.PatientId(request.PatientId);
        var grantee = ValidateGrantee(Validate.NotNull(request.Grantee, "grantee"));
        var actions = Distinct(Validate.NotNull(request.Actions, "actions"), "actions", a => Validate.Action(a, "actions[]"));
        var requested = Validate.NotNull(request.Scope, "scope");
        var categories = Distinct(requested.Categories ?? [], "scope.categories", c => Validate.Category(c, "scope.categories[]"));
        var recordIds = Distinct(requested.RecordIds ?? [], "scope.recordIds", r => Validate.RecordId(r, "scope.recordIds[]"));
        var purpose = Validate.Purpose(request.Purpose);
        if (actions.Count == 0)
        {
            throw DomainException.Invalid("'actions' must name at least one of read, append.");
        }

        if (categories.Count + recordIds.Count == 0)
        {
            throw DomainException.Invalid("'scope' must name at least one category or record id.");
        }

        if (actions.Contains("append") && categories.Count == 0)
        {
            throw DomainException.Invalid("An append consent must name categories (records that do not exist yet have no id).");
        }

        var validFrom = request.ValidFrom is { } from ? Rfc3339.Normalize(from) : scope.Now;
        var validUntil = request.ValidUntil is { } until ? Rfc3339.Normalize(until) : (DateTimeOffset?)null;
        if (validUntil is { } end && (end <= validFrom || end <= scope.Now))
        {
            throw DomainException.Invalid("'validUntil' must be after 'validFrom' and after the transaction time.");
        }

        await Actors.RequirePatientOrDelegateAsync(scope, patientId, "grant consent").ConfigureAwait(false);
        foreach (var recordId in recordIds)
        {
            await RequirePatientRecordAsync(scope, patientId, recordId).ConfigureAwait(false);
        }

        var history = scope.History(patientId);
        var consent = new Consent(
            Ids.Derive(Ids.ConsentPrefix, scope.TxId), patientId, grantee, actions, new ConsentScope(categories, recordIds), purpose,
            Vocabulary.Purposes[purpose], validFrom, validUntil, BindingStatus.Active, scope.Actor, scope.Now, scope.TxId,
            await history.NextIndexAsync().ConfigureAwait(false), null);
        await scope.PutAsync(consent, Keys.Consent, patientId, consent.ConsentId).ConfigureAwait(false);
        var appended = await history.AppendAsync(HistoryLeafTypes.ConsentGranted, consent, consent.HistoryIndex).ConfigureAwait(false);
        scope.Emit(NewEvent(scope, EventNames.ConsentGranted, patientId, appended) with { ConsentId = consent.ConsentId, Grantee = grantee });
        return new ConsentResponse(consent, appended);
    }

    /// <summary>
    /// Revokes an active consent (status <c>revoked</c>, with time and revoker; the consent stays on
    /// the ledger). Caller: the patient or an active delegate. Appends a <c>consent-revoked</c> leaf
    /// and emits <see cref="EventNames.ConsentRevoked"/>.
    /// </summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The patient and consent.</param>
    /// <param name="cancellationToken">Cancels ledger calls.</param>
    /// <returns>The revoked consent and its history position.</returns>
    /// <exception cref="DomainException">INVALID_ARGUMENT, NOT_FOUND, FORBIDDEN, CONFLICT (already revoked).</exception>
    public async Task<ConsentResponse> RevokeConsentAsync(
        ITransactionContext context, ConsentRequest request, CancellationToken cancellationToken = default)
    {
        var scope = Begin(context, request, cancellationToken);
        var patientId = Validate.PatientId(request.PatientId);
        var consentId = Validate.ConsentId(request.ConsentId);
        await Actors.RequirePatientOrDelegateAsync(scope, patientId, "revoke consent").ConfigureAwait(false);
        var consent = await RequireConsentAsync(scope, patientId, consentId).ConfigureAwait(false);
        if (consent.Status != BindingStatus.Active)
        {
            throw DomainException.Conflict($"Consent {consentId} is already revoked.");
        }

        var history = scope.History(patientId);
        var index = await history.NextIndexAsync().ConfigureAwait(false);
        var revoked = consent with
        {
            Status = BindingStatus.Revoked,
            Revocation = new Revocation(scope.Now, scope.Actor, scope.TxId, index),
        };
        await scope.PutAsync(revoked, Keys.Consent, patientId, consentId).ConfigureAwait(false);
        var appended = await history.AppendAsync(HistoryLeafTypes.ConsentRevoked, revoked, index).ConfigureAwait(false);
        scope.Emit(NewEvent(scope, EventNames.ConsentRevoked, patientId, appended) with { ConsentId = consentId, Grantee = consent.Grantee });
        return new ConsentResponse(revoked, appended);
    }

    /// <summary>
    /// Query: one consent with the inclusion proof of its latest leaf (the revocation if revoked,
    /// else the grant). Caller: the patient, a delegate, an auditor, or the consent's grantee.
    /// </summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The patient and consent.</param>
    /// <param name="cancellationToken">Cancels ledger calls.</param>
    /// <returns>The consent and proof.</returns>
    /// <exception cref="DomainException">INVALID_ARGUMENT, NOT_FOUND, FORBIDDEN.</exception>
    public async Task<ConsentWithProofResponse> GetConsentAsync(
        ITransactionContext context, ConsentRequest request, CancellationToken cancellationToken = default)
    {
        var scope = Begin(context, request, cancellationToken);
        var patientId = Validate.PatientId(request.PatientId);
        var consentId = Validate.ConsentId(request.ConsentId);
        await Actors.RequirePatientAsync(scope, patientId).ConfigureAwait(false);
        var entitled = scope.Caller.Role == Role.Auditor
            || await Actors.ResolveAsync(scope, patientId).ConfigureAwait(false) is Relation.Self or Relation.Delegate;
        var consent = await scope.GetAsync<Consent>(Keys.Consent, patientId, consentId).ConfigureAwait(false);
        if (!entitled && (consent is null || !AccessRules.GranteeMatches(consent.Grantee, scope.Caller)))
        {
            // Missing and another grantee's consent read the same to an outsider: no oracle of consent ids.
            throw DomainException.Forbidden(
                $"Only patient '{patientId}', a delegate, an auditor or the consent's grantee may read consent {consentId}.");
        }

        if (consent is null)
        {
            throw ConsentNotFound(patientId, consentId);
        }

        var leafIndex = consent.Revocation?.HistoryIndex ?? consent.HistoryIndex;
        var proof = await scope.History(patientId).ProveAsync(leafIndex).ConfigureAwait(false);
        return new ConsentWithProofResponse(consent, proof);
    }

    /// <summary>Query: one page of a patient's consents in consent id order. Caller: the patient, a delegate or an auditor.</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The patient, page size and bookmark.</param>
    /// <param name="cancellationToken">Cancels ledger calls.</param>
    /// <returns>The page and the next bookmark.</returns>
    /// <exception cref="DomainException">INVALID_ARGUMENT, NOT_FOUND, FORBIDDEN.</exception>
    public async Task<ListConsentsResponse> ListConsentsAsync(
        ITransactionContext context, ListConsentsRequest request, CancellationToken cancellationToken = default)
    {
        var scope = Begin(context, request, cancellationToken);
        var patientId = Validate.PatientId(request.PatientId);
        var pageSize = Validate.PageSize(request.PageSize, _options);
        var bookmark = Validate.Bookmark(request.Bookmark);
        await Actors.RequirePatientDelegateOrAuditorAsync(scope, patientId, "list consents").ConfigureAwait(false);
        var page = await scope.PageAsync(Keys.Consent, [patientId], pageSize, bookmark).ConfigureAwait(false);
        return new ListConsentsResponse([.. page.Entries.Select(e => TxScope.Read<Consent>(e.Value))], page.Bookmark, page.FetchedCount);
    }

    /// <summary>
    /// Query: whether the caller may perform <c>action</c> on a patient's record (read) or category
    /// (read or append) for <c>purpose</c>, why, and under which consent. Never throws for a denial;
    /// the decision order is in docs/consent.md.
    /// </summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">Patient, record or category, action and purpose.</param>
    /// <param name="cancellationToken">Cancels ledger calls.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="DomainException">INVALID_ARGUMENT, NOT_FOUND (patient or record).</exception>
    public async Task<AccessDecision> CheckAccessAsync(
        ITransactionContext context, CheckAccessRequest request, CancellationToken cancellationToken = default)
    {
        var scope = Begin(context, request, cancellationToken);
        var patientId = Validate.PatientId(request.PatientId);
        var action = Validate.Action(request.Action);
        var purpose = Validate.Purpose(request.Purpose);
        if ((request.RecordId is null) == (request.Category is null))
        {
            throw DomainException.Invalid("Name exactly one of 'recordId' and 'category'.");
        }

        if (request.RecordId is not null && action == "append")
        {
            throw DomainException.Invalid("Append applies to a category, not to an existing record.");
        }

        var recordId = request.RecordId is null ? null : Validate.RecordId(request.RecordId);
        var category = request.Category is null ? null : Validate.Category(request.Category);
        await Actors.RequirePatientAsync(scope, patientId).ConfigureAwait(false);
        var relation = await Actors.ResolveAsync(scope, patientId).ConfigureAwait(false);
        var consents = await LoadConsentsAsync(scope, patientId).ConfigureAwait(false);
        RecordPointer? record = null;
        if (recordId is not null)
        {
            record = await scope.GetAsync<RecordPointer>(Keys.Record, recordId).ConfigureAwait(false);
            if (record is null || record.PatientId != patientId)
            {
                if (HasStanding(scope.Caller, relation, consents))
                {
                    throw DomainException.NotFound($"Record {recordId} of patient '{patientId}' does not exist.");
                }

                // An outsider gets the decision it gets for any of the patient's records (it depends on no
                // record or category without a relation or a consent), so the answer reveals no record id.
                return AccessRules.Decide(scope.Caller, relation, patientId, null, string.Empty, action, purpose, consents, scope.Now);
            }
        }

        return AccessRules.Decide(
            scope.Caller, relation, patientId, record, record?.Category ?? category!, action, purpose, consents, scope.Now);
    }

    /// <summary>
    /// Whether the caller stands in some relation to the patient: bound to it (even deactivated) or named as
    /// grantee by one of its consents. Only such a caller is told why an existing record is refused to it.
    /// </summary>
    private static bool HasStanding(Caller caller, Relation relation, List<Consent> consents) =>
        relation != Relation.None || consents.Exists(c => AccessRules.GranteeMatches(c.Grantee, caller));

    private static async Task<Consent> RequireConsentAsync(TxScope scope, string patientId, string consentId) =>
        await scope.GetAsync<Consent>(Keys.Consent, patientId, consentId).ConfigureAwait(false) ?? throw ConsentNotFound(patientId, consentId);

    private static DomainException ConsentNotFound(string patientId, string consentId) =>
        DomainException.NotFound($"Consent {consentId} of patient '{patientId}' does not exist.");

    private static Grantee ValidateGrantee(Grantee grantee)
    {
        var type = Validate.OneOf(grantee.Type, "grantee.type", Vocabulary.GranteeTypes);
        return type switch
        {
            "organization" => new Grantee(type, Validate.MspId(grantee.Value, "grantee.value"), NoMsp(grantee)),
            "identity" => new Grantee(
                type, Validate.IdentityId(grantee.Value, "grantee.value"), Validate.MspId(grantee.MspId, "grantee.mspId")),
            _ => new Grantee(type, Validate.OneOf(grantee.Value, "grantee.value", Vocabulary.GrantableRoles), NoMsp(grantee)),
        };
    }

    private static string? NoMsp(Grantee grantee) =>
        grantee.MspId is null ? null : throw DomainException.Invalid("'grantee.mspId' is only for identity grantees.");

    private static List<string> Distinct(IReadOnlyList<string> values, string field, Func<string, string> validate)
    {
        if (values.Count > MaxScopeEntries)
        {
            throw DomainException.Invalid($"'{field}' may have at most {MaxScopeEntries} entries.");
        }

        var checkedValues = values.Select(validate).ToList();
        var distinct = checkedValues.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return distinct.Count == checkedValues.Count ? distinct : throw DomainException.Invalid($"'{field}' has duplicates.");
    }
}
