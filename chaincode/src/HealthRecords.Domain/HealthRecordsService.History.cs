using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Internal;
using HealthRecords.Domain.Ports;

namespace HealthRecords.Domain;

public sealed partial class HealthRecordsService
{
    /// <summary>Query: the size and root of a patient's history log. Caller: any identity with a role (sizes and hashes only).</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The patient.</param>
    /// <param name="cancellationToken">Cancels ledger calls.</param>
    /// <returns>The size and root.</returns>
    /// <exception cref="DomainException">INVALID_ARGUMENT, NOT_FOUND, FORBIDDEN (no role).</exception>
    public async Task<HistoryRootResponse> GetHistoryRootAsync(
        ITransactionContext context, HistoryRequest request, CancellationToken cancellationToken = default)
    {
        var scope = Begin(context, request, cancellationToken);
        var patientId = Validate.PatientId(request.PatientId);
        await RequireAnyRoleAndPatientAsync(scope, patientId).ConfigureAwait(false);
        return await scope.History(patientId).RootAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Query: one history leaf with its inclusion proof at the current or a given earlier size.
    /// Caller: the patient, a delegate or an auditor (leaves describe accesses and consents). Record leaves hold
    /// only a commitment to the pointer; a legacy record leaf that holds the pointer itself is returned to an
    /// auditor as its leaf hash only (<see cref="HistoryProof.LeafHash"/>).
    /// </summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The patient, leaf index and optional tree size.</param>
    /// <param name="cancellationToken">Cancels ledger calls.</param>
    /// <returns>The leaf bytes and proof.</returns>
    /// <exception cref="DomainException">INVALID_ARGUMENT, NOT_FOUND (patient, or index/size beyond the log), FORBIDDEN.</exception>
    public async Task<HistoryProof> GetHistoryEntryAsync(
        ITransactionContext context, HistoryEntryRequest request, CancellationToken cancellationToken = default)
    {
        var scope = Begin(context, request, cancellationToken);
        var patientId = Validate.PatientId(request.PatientId);
        await Actors.RequirePatientDelegateOrAuditorAsync(scope, patientId, "read history entries").ConfigureAwait(false);

        // Auditors verify; only the patient and delegates are entitled to the pointers a legacy record leaf holds.
        var relation = await Actors.ResolveAsync(scope, patientId).ConfigureAwait(false);
        var withhold = relation is not (Relation.Self or Relation.Delegate);
        return await scope.History(patientId).ProveAsync(request.LeafIndex, request.TreeSize, withhold).ConfigureAwait(false);
    }

    /// <summary>
    /// Query: the RFC 9162 consistency proof between two sizes of a patient's log (the newer size
    /// defaults to the current one). Caller: any identity with a role.
    /// </summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The patient and the two sizes.</param>
    /// <param name="cancellationToken">Cancels ledger calls.</param>
    /// <returns>Both roots and the proof.</returns>
    /// <exception cref="DomainException">INVALID_ARGUMENT (sizes out of order or beyond the log), NOT_FOUND, FORBIDDEN (no role).</exception>
    public async Task<HistoryConsistencyResponse> GetHistoryConsistencyAsync(
        ITransactionContext context, HistoryConsistencyRequest request, CancellationToken cancellationToken = default)
    {
        var scope = Begin(context, request, cancellationToken);
        var patientId = Validate.PatientId(request.PatientId);
        await RequireAnyRoleAndPatientAsync(scope, patientId).ConfigureAwait(false);
        return await scope.History(patientId).ConsistencyAsync(request.FromSize, request.ToSize).ConfigureAwait(false);
    }

    // Any role, or the patient's active delegate whatever its certificate says: a delegate acts for the patient
    // like the patient (docs/domain.md), and a guardian's certificate need not carry an hrec.role.
    private static async Task RequireAnyRoleAndPatientAsync(TxScope scope, string patientId)
    {
        if (scope.Caller.Role == Role.None && await Actors.ResolveAsync(scope, patientId).ConfigureAwait(false) != Relation.Delegate)
        {
            throw DomainException.Forbidden("The caller's certificate has no hrec.role attribute.");
        }

        await Actors.RequirePatientAsync(scope, patientId).ConfigureAwait(false);
    }
}
