using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Tests.Support;
using static HealthRecords.Domain.Tests.Support.Callers;

namespace HealthRecords.Domain.Tests.Service;

public sealed class PatientsTests
{
    private readonly Scenario _s = new();

    [Fact]
    public async Task RegisterPatient_PatientWithMatchingAttribute_StoresPatientAndSelfBinding()
    {
        var response = await _s.RegisterAsync();

        Assert.Equal(P1, response.Patient.PatientId);
        var binding = Assert.Single(response.Identities);
        Assert.Equal(("self", "active", Org1, Patient().Id), (binding.Relation, binding.Status, binding.MspId, binding.IdentityId));
        Assert.Equal(2, _s.Ledger.Last!.WriteSet.Count);
        Assert.Null(_s.Ledger.Last.Event);
    }

    [Fact]
    public async Task RegisterPatient_AttributeNamesAnotherPatient_Forbidden()
    {
        await _s.Fails(DomainErrorCodes.Forbidden, Patient(P2), (s, tx) => s.RegisterPatientAsync(tx, new RegisterPatientRequest(P1)));
    }

    [Theory]
    [InlineData("provider")]
    [InlineData("device")]
    [InlineData("admin")]
    [InlineData("none")]
    public async Task RegisterPatient_NonPatientRole_Forbidden(string role)
    {
        var caller = role switch { "provider" => Provider(), "device" => Device(), "admin" => Admin(), _ => NoRole() };
        await _s.Fails(DomainErrorCodes.Forbidden, caller, (s, tx) => s.RegisterPatientAsync(tx, new RegisterPatientRequest(P1)));
    }

    [Fact]
    public async Task RegisterPatient_Twice_Conflict()
    {
        await _s.RegisterAsync();
        await _s.Fails(DomainErrorCodes.Conflict, Patient(), (s, tx) => s.RegisterPatientAsync(tx, new RegisterPatientRequest(P1)));
    }

    [Fact]
    public async Task AddPatientIdentity_Delegate_CanThenGrantConsent()
    {
        await _s.RegisterAsync();
        var guardian = Guardian();
        var added = await _s.Run(Patient(), (s, tx) => s.AddPatientIdentityAsync(
            tx, new AddPatientIdentityRequest(P1, guardian.MspId, guardian.Id, "delegate")));

        var consent = await _s.GrantAsync(Scenario.Org(), by: guardian);

        Assert.Equal("delegate", added.Binding.Relation);
        Assert.Equal(guardian.Id, consent.GrantedBy.Id);
    }

    [Fact]
    public async Task AddPatientIdentity_ByProvider_Forbidden()
    {
        await _s.RegisterAsync();
        await _s.Fails(DomainErrorCodes.Forbidden, Provider(), (s, tx) => s.AddPatientIdentityAsync(
            tx, new AddPatientIdentityRequest(P1, Org1, Provider().Id, "delegate")));
    }

    [Fact]
    public async Task AddPatientIdentity_AlreadyBound_Conflict()
    {
        await _s.RegisterAsync();
        await _s.Fails(DomainErrorCodes.Conflict, Patient(), (s, tx) => s.AddPatientIdentityAsync(
            tx, new AddPatientIdentityRequest(P1, Org1, Patient().Id, "self")));
    }

    [Fact]
    public async Task RotatePatientIdentity_OldIdentity_IsDeactivatedAndNewActs()
    {
        await _s.RegisterAsync();
        var newKey = Patient(name: "alice-2025");
        var rotated = await _s.Run(Patient(), (s, tx) => s.RotatePatientIdentityAsync(
            tx, new RotatePatientIdentityRequest(P1, newKey.MspId, newKey.Id)));

        Assert.Equal("deactivated", rotated.Deactivated.Status);
        Assert.Equal("active", rotated.Added.Status);
        await _s.GrantAsync(Scenario.Org(), by: newKey);
        var ex = await _s.Fails(DomainErrorCodes.Forbidden, Patient(), (s, tx) => s.GrantConsentAsync(tx, new GrantConsentRequest(
            P1, Scenario.Org(), ["read"], new ConsentScope(["laboratory"]), "treatment")));
        Assert.Contains("deactivated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotatePatientIdentity_ByDelegate_Forbidden()
    {
        await _s.RegisterAsync();
        var guardian = Guardian();
        await _s.Run(Patient(), (s, tx) => s.AddPatientIdentityAsync(tx, new AddPatientIdentityRequest(P1, Org1, guardian.Id, "delegate")));
        await _s.Fails(DomainErrorCodes.Forbidden, guardian, (s, tx) => s.RotatePatientIdentityAsync(
            tx, new RotatePatientIdentityRequest(P1, Org1, "x509::CN=other")));
    }

    [Fact]
    public async Task DeactivatePatientIdentity_LastOwnIdentity_Conflict()
    {
        await _s.RegisterAsync();
        await _s.Fails(DomainErrorCodes.Conflict, Patient(), (s, tx) => s.DeactivatePatientIdentityAsync(
            tx, new DeactivatePatientIdentityRequest(P1, Org1, Patient().Id)));
    }

    [Fact]
    public async Task DeactivatePatientIdentity_Delegate_LosesAccessAndCannotBeReadded()
    {
        await _s.RegisterAsync();
        var guardian = Guardian();
        await _s.Run(Patient(), (s, tx) => s.AddPatientIdentityAsync(tx, new AddPatientIdentityRequest(P1, Org1, guardian.Id, "delegate")));
        var removed = await _s.Run(Patient(), (s, tx) => s.DeactivatePatientIdentityAsync(
            tx, new DeactivatePatientIdentityRequest(P1, Org1, guardian.Id)));

        Assert.Equal("deactivated", removed.Binding.Status);
        await _s.Fails(DomainErrorCodes.Forbidden, guardian, (s, tx) => s.GetPatientAsync(tx, new GetPatientRequest(P1)));
        await _s.Fails(DomainErrorCodes.Conflict, Patient(), (s, tx) => s.AddPatientIdentityAsync(
            tx, new AddPatientIdentityRequest(P1, Org1, guardian.Id, "delegate")));
    }

    [Fact]
    public async Task GetPatient_Auditor_SeesSortedBindings()
    {
        await _s.RegisterAsync();
        await _s.Run(Patient(), (s, tx) => s.AddPatientIdentityAsync(tx, new AddPatientIdentityRequest(P1, "AOrgMSP", "x509::z", "delegate")));

        var response = await _s.Run(Auditor(), (s, tx) => s.GetPatientAsync(tx, new GetPatientRequest(P1)));

        Assert.Equal(["AOrgMSP", Org1], response.Identities.Select(b => b.MspId));
    }

    [Fact]
    public async Task GetPatient_Provider_Forbidden()
    {
        await _s.RegisterAsync();
        await _s.Fails(DomainErrorCodes.Forbidden, Provider(), (s, tx) => s.GetPatientAsync(tx, new GetPatientRequest(P1)));
    }

    [Fact]
    public async Task GetPatient_Unknown_NotFound()
    {
        await _s.Fails(DomainErrorCodes.NotFound, Auditor(), (s, tx) => s.GetPatientAsync(tx, new GetPatientRequest(P2)));
    }

    [Fact]
    public async Task SelfBinding_CertificateNoLongerSaysPatient_ActsAsNobody()
    {
        await _s.RegisterAsync();
        var reissued = new Domain.Ports.Caller(Org1, Patient().Id, new Dictionary<string, string> { ["hrec.role"] = "patient", ["hrec.patient"] = P2 });

        await _s.Fails(DomainErrorCodes.Forbidden, reissued, (s, tx) => s.GetPatientAsync(tx, new GetPatientRequest(P1)));
    }
}
