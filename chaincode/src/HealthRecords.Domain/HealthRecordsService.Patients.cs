using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Internal;
using HealthRecords.Domain.Ports;

namespace HealthRecords.Domain;

public sealed partial class HealthRecordsService
{
    /// <summary>
    /// Registers the caller as patient <c>patientId</c> and binds the caller's identity to it (relation
    /// <c>self</c>). The caller must have role <c>patient</c> and <c>hrec.patient</c> equal to the id.
    /// </summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The pseudonymous patient id.</param>
    /// <param name="cancellationToken">Cancels ledger calls.</param>
    /// <returns>The patient and its one binding.</returns>
    /// <exception cref="DomainException">INVALID_ARGUMENT, FORBIDDEN (role or attribute mismatch), CONFLICT (already registered).</exception>
    public async Task<PatientResponse> RegisterPatientAsync(
        ITransactionContext context, RegisterPatientRequest request, CancellationToken cancellationToken = default)
    {
        var scope = Begin(context, request, cancellationToken);
        var patientId = Validate.PatientId(request.PatientId);
        if (scope.Caller.Role != Role.Patient || scope.Caller.PatientId != patientId)
        {
            throw DomainException.Forbidden(
                $"Only an identity with role 'patient' and hrec.patient '{patientId}' may register that patient.");
        }

        if (await scope.GetAsync<PatientInfo>(Keys.Patient, patientId).ConfigureAwait(false) is not null)
        {
            throw DomainException.Conflict($"Patient '{patientId}' is already registered.");
        }

        var patient = new PatientInfo(patientId, scope.Now, scope.Actor, scope.TxId);
        var binding = NewBinding(scope, patientId, scope.Caller.MspId, scope.Caller.Id, "self");
        await scope.PutAsync(patient, Keys.Patient, patientId).ConfigureAwait(false);
        await PutBindingAsync(scope, binding).ConfigureAwait(false);
        return new PatientResponse(patient, [binding]);
    }

    /// <summary>
    /// Binds another identity to act for a patient: an additional own identity (<c>self</c>; it must
    /// also carry role patient and this <c>hrec.patient</c> to act) or a guardian (<c>delegate</c>).
    /// Caller: the patient or an active delegate.
    /// </summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The identity and relation.</param>
    /// <param name="cancellationToken">Cancels ledger calls.</param>
    /// <returns>The new binding.</returns>
    /// <exception cref="DomainException">INVALID_ARGUMENT, NOT_FOUND (patient), FORBIDDEN, CONFLICT (already bound, or deactivated before).</exception>
    public async Task<IdentityBindingResponse> AddPatientIdentityAsync(
        ITransactionContext context, AddPatientIdentityRequest request, CancellationToken cancellationToken = default)
    {
        var scope = Begin(context, request, cancellationToken);
        var patientId = Validate.PatientId(request.PatientId);
        var mspId = Validate.MspId(request.MspId);
        var identityId = Validate.IdentityId(request.IdentityId);
        var relation = Validate.Relation(request.Relation);
        await Actors.RequirePatientOrDelegateAsync(scope, patientId, "bind identities").ConfigureAwait(false);
        await RequireUnboundAsync(scope, patientId, mspId, identityId).ConfigureAwait(false);
        var binding = NewBinding(scope, patientId, mspId, identityId, relation);
        await PutBindingAsync(scope, binding).ConfigureAwait(false);
        return new IdentityBindingResponse(binding);
    }

    /// <summary>
    /// Key rotation: binds a new own identity and deactivates the calling one in one transaction.
    /// Caller: an active own identity of the patient (delegates use add and deactivate).
    /// </summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The new identity.</param>
    /// <param name="cancellationToken">Cancels ledger calls.</param>
    /// <returns>The new binding and the caller's deactivated one.</returns>
    /// <exception cref="DomainException">INVALID_ARGUMENT, NOT_FOUND, FORBIDDEN, CONFLICT (new identity already bound).</exception>
    public async Task<RotatePatientIdentityResponse> RotatePatientIdentityAsync(
        ITransactionContext context, RotatePatientIdentityRequest request, CancellationToken cancellationToken = default)
    {
        var scope = Begin(context, request, cancellationToken);
        var patientId = Validate.PatientId(request.PatientId);
        var mspId = Validate.MspId(request.NewMspId, "newMspId");
        var identityId = Validate.IdentityId(request.NewIdentityId, "newIdentityId");
        var relation = await Actors.RequirePatientOrDelegateAsync(scope, patientId, "rotate identities").ConfigureAwait(false);
        if (relation != Relation.Self)
        {
            throw DomainException.Forbidden("Only the patient's own active identity can rotate itself out.");
        }

        await RequireUnboundAsync(scope, patientId, mspId, identityId).ConfigureAwait(false);
        var current = await scope.GetAsync<IdentityBinding>(Keys.Binding, patientId, scope.Caller.MspId, scope.Caller.Id)
            .ConfigureAwait(false);
        var added = NewBinding(scope, patientId, mspId, identityId, "self");
        var deactivated = current! with { Status = BindingStatus.Deactivated, DeactivatedAt = scope.Now, DeactivatedBy = scope.Actor };
        await PutBindingAsync(scope, added).ConfigureAwait(false);
        await PutBindingAsync(scope, deactivated).ConfigureAwait(false);
        return new RotatePatientIdentityResponse(added, deactivated);
    }

    /// <summary>
    /// Deactivates one identity bound to a patient (a lost device key, a guardian who steps down). The
    /// binding stays on the ledger; it is never reactivated. The last active own identity cannot be removed.
    /// Caller: the patient or an active delegate.
    /// </summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The identity.</param>
    /// <param name="cancellationToken">Cancels ledger calls.</param>
    /// <returns>The deactivated binding.</returns>
    /// <exception cref="DomainException">INVALID_ARGUMENT, NOT_FOUND, FORBIDDEN, CONFLICT (already deactivated, or the last own identity).</exception>
    public async Task<IdentityBindingResponse> DeactivatePatientIdentityAsync(
        ITransactionContext context, DeactivatePatientIdentityRequest request, CancellationToken cancellationToken = default)
    {
        var scope = Begin(context, request, cancellationToken);
        var patientId = Validate.PatientId(request.PatientId);
        var mspId = Validate.MspId(request.MspId);
        var identityId = Validate.IdentityId(request.IdentityId);
        await Actors.RequirePatientOrDelegateAsync(scope, patientId, "deactivate identities").ConfigureAwait(false);
        var binding = await scope.GetAsync<IdentityBinding>(Keys.Binding, patientId, mspId, identityId).ConfigureAwait(false)
            ?? throw DomainException.NotFound($"Identity '{identityId}' of {mspId} is not bound to patient '{patientId}'.");
        if (binding.Status != BindingStatus.Active)
        {
            throw DomainException.Conflict("That identity is already deactivated.");
        }

        if (binding.Relation == "self")
        {
            var activeSelf = 0;
            await foreach (var b in scope.ScanAsync<IdentityBinding>(Keys.Binding, [patientId], cancellationToken).ConfigureAwait(false))
            {
                activeSelf += b.Relation == "self" && b.Status == BindingStatus.Active ? 1 : 0;
            }

            if (activeSelf <= 1)
            {
                throw DomainException.Conflict("The patient's last active own identity cannot be deactivated; rotate it instead.");
            }
        }

        var deactivated = binding with { Status = BindingStatus.Deactivated, DeactivatedAt = scope.Now, DeactivatedBy = scope.Actor };
        await PutBindingAsync(scope, deactivated).ConfigureAwait(false);
        return new IdentityBindingResponse(deactivated);
    }

    /// <summary>Query: a patient and every identity bound to it. Caller: the patient, a delegate or an auditor.</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The patient id.</param>
    /// <param name="cancellationToken">Cancels ledger calls.</param>
    /// <returns>The patient and its bindings sorted by MSP id, then identity id.</returns>
    /// <exception cref="DomainException">INVALID_ARGUMENT, NOT_FOUND, FORBIDDEN.</exception>
    public async Task<PatientResponse> GetPatientAsync(
        ITransactionContext context, GetPatientRequest request, CancellationToken cancellationToken = default)
    {
        var scope = Begin(context, request, cancellationToken);
        var patientId = Validate.PatientId(request.PatientId);
        await Actors.RequirePatientDelegateOrAuditorAsync(scope, patientId, "read the patient's identities").ConfigureAwait(false);
        var patient = await Actors.RequirePatientAsync(scope, patientId).ConfigureAwait(false);
        var bindings = new List<IdentityBinding>();
        await foreach (var b in scope.ScanAsync<IdentityBinding>(Keys.Binding, [patientId], cancellationToken).ConfigureAwait(false))
        {
            bindings.Add(b);
        }

        return new PatientResponse(patient, [.. bindings.OrderBy(b => b.MspId, StringComparer.Ordinal).ThenBy(b => b.IdentityId, StringComparer.Ordinal)]);
    }

    private static IdentityBinding NewBinding(TxScope scope, string patientId, string mspId, string identityId, string relation) =>
        new(patientId, mspId, identityId, relation, BindingStatus.Active, scope.Now, scope.Actor, scope.TxId, null, null);

    private static Task PutBindingAsync(TxScope scope, IdentityBinding binding) =>
        scope.PutAsync(binding, Keys.Binding, binding.PatientId, binding.MspId, binding.IdentityId);

    private static async Task RequireUnboundAsync(TxScope scope, string patientId, string mspId, string identityId)
    {
        var existing = await scope.GetAsync<IdentityBinding>(Keys.Binding, patientId, mspId, identityId).ConfigureAwait(false);
        if (existing is not null)
        {
            throw DomainException.Conflict(existing.Status == BindingStatus.Active
                ? $"That identity is already bound to patient '{patientId}'."
                : $"That identity was deactivated for patient '{patientId}' and is never bound again.");
        }
    }
}
