using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Ports;

namespace HealthRecords.Domain.Internal;

/// <summary>Who the caller is to a patient, from the caller's certificate and the stored bindings only.</summary>
internal static class Actors
{
    public static async Task<PatientInfo> RequirePatientAsync(TxScope scope, string patientId) =>
        await scope.GetAsync<PatientInfo>(Keys.Patient, patientId).ConfigureAwait(false)
        ?? throw DomainException.NotFound($"Patient '{patientId}' is not registered.");

    public static async Task<Relation> ResolveAsync(TxScope scope, string patientId)
    {
        var caller = scope.Caller;
        var binding = await scope.GetAsync<IdentityBinding>(Keys.Binding, patientId, caller.MspId, caller.Id).ConfigureAwait(false);
        if (binding is null)
        {
            return Relation.None;
        }

        if (binding.Status != BindingStatus.Active)
        {
            return Relation.Deactivated;
        }

        if (binding.Relation == "delegate")
        {
            return Relation.Delegate;
        }

        // A self binding only counts while the certificate still says "patient P".
        return caller.Role == Role.Patient && caller.PatientId == patientId ? Relation.Self : Relation.None;
    }

    /// <summary>Requires the caller to be the patient (active own identity) or an active delegate.</summary>
    public static async Task<Relation> RequirePatientOrDelegateAsync(TxScope scope, string patientId, string what)
    {
        await RequirePatientAsync(scope, patientId).ConfigureAwait(false);
        var relation = await ResolveAsync(scope, patientId).ConfigureAwait(false);
        return relation switch
        {
            Relation.Self or Relation.Delegate => relation,
            Relation.Deactivated => throw DomainException.Forbidden(
                $"The caller's identity was deactivated for patient '{patientId}' (rotated out or removed) and may not {what}."),
            _ => throw DomainException.Forbidden($"Only patient '{patientId}' or an active delegate may {what}."),
        };
    }

    /// <summary>Patient, delegate or (any org's) auditor: who may see logs and histories.</summary>
    public static async Task RequirePatientDelegateOrAuditorAsync(TxScope scope, string patientId, string what)
    {
        if (scope.Caller.Role == Role.Auditor)
        {
            await RequirePatientAsync(scope, patientId).ConfigureAwait(false);
            return;
        }

        await RequirePatientOrDelegateAsync(scope, patientId, what).ConfigureAwait(false);
    }
}
