using HealthRecords.Client.Internal;
using HealthRecords.Domain.Contracts;

namespace HealthRecords.Client;

/// <content>Patients and their identities.</content>
public sealed partial class HealthRecordsClient
{
    /// <summary>Submits <c>RegisterPatient</c>: registers the caller's patient id and binds the caller as its own identity.</summary>
    /// <param name="request">The patient id (must equal the caller's <c>hrec.patient</c> attribute).</param>
    /// <param name="cancellationToken">Cancels the flow.</param>
    /// <returns>The patient and its identities.</returns>
    /// <exception cref="HealthRecordsException">CONFLICT if already registered; FORBIDDEN for a caller that is not this patient.</exception>
    public Task<PatientResponse> RegisterPatientAsync(RegisterPatientRequest request, CancellationToken cancellationToken = default) =>
        SubmitAsync<RegisterPatientRequest, PatientResponse>(Functions.RegisterPatient, request, cancellationToken);

    /// <summary>Submits <c>AddPatientIdentity</c>: binds another own identity (<c>self</c>) or a delegate.</summary>
    /// <param name="request">The patient, the identity's MSP id and id, and the relation.</param>
    /// <param name="cancellationToken">Cancels the flow.</param>
    /// <returns>The new binding.</returns>
    public Task<IdentityBindingResponse> AddPatientIdentityAsync(AddPatientIdentityRequest request, CancellationToken cancellationToken = default) =>
        SubmitAsync<AddPatientIdentityRequest, IdentityBindingResponse>(Functions.AddPatientIdentity, request, cancellationToken);

    /// <summary>Submits <c>RotatePatientIdentity</c>: binds a new own identity and deactivates the caller's.</summary>
    /// <param name="request">The patient and the new identity.</param>
    /// <param name="cancellationToken">Cancels the flow.</param>
    /// <returns>The added and the deactivated bindings.</returns>
    public Task<RotatePatientIdentityResponse> RotatePatientIdentityAsync(RotatePatientIdentityRequest request, CancellationToken cancellationToken = default) =>
        SubmitAsync<RotatePatientIdentityRequest, RotatePatientIdentityResponse>(Functions.RotatePatientIdentity, request, cancellationToken);

    /// <summary>Submits <c>DeactivatePatientIdentity</c>: deactivates a binding (never the last own identity).</summary>
    /// <param name="request">The patient and the identity to deactivate.</param>
    /// <param name="cancellationToken">Cancels the flow.</param>
    /// <returns>The deactivated binding.</returns>
    public Task<IdentityBindingResponse> DeactivatePatientIdentityAsync(DeactivatePatientIdentityRequest request, CancellationToken cancellationToken = default) =>
        SubmitAsync<DeactivatePatientIdentityRequest, IdentityBindingResponse>(Functions.DeactivatePatientIdentity, request, cancellationToken);

    /// <summary>Evaluates <c>GetPatient</c> (patient, delegate or auditor).</summary>
    /// <param name="request">The patient id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The patient and its identities.</returns>
    public Task<PatientResponse> GetPatientAsync(GetPatientRequest request, CancellationToken cancellationToken = default) =>
        EvaluateAsync<GetPatientRequest, PatientResponse>(Functions.GetPatient, request, verifiable: false, cancellationToken);
}
