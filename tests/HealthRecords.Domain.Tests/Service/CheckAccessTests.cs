using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Ports;
using HealthRecords.Domain.Tests.Support;
using static HealthRecords.Domain.Tests.Support.Callers;

namespace HealthRecords.Domain.Tests.Service;

/// <summary>Each rule of docs/consent.md, allowed and denied, through the CheckAccess query.</summary>
public sealed class CheckAccessTests
{
    private readonly Scenario _s = new();

    private Task<AccessDecision> Check(Caller caller, string? recordId = null, string? category = "laboratory", string purpose = "treatment", string action = "read") =>
        _s.Run(caller, (s, tx) => s.CheckAccessAsync(tx, new CheckAccessRequest(P1, action, purpose, recordId, recordId is null ? category : null)));

    private async Task<AccessDecision> Denied(string reason, Caller caller, string purpose = "treatment", string category = "laboratory")
    {
        var decision = await Check(caller, purpose: purpose, category: category);
        Assert.False(decision.Allowed);
        Assert.Equal(reason, decision.Reason);
        Assert.Null(decision.Basis);
        return decision;
    }

    [Fact]
    public async Task CheckAccess_OrgConsent_AllowedWithConsentId()
    {
        await _s.RegisterAsync();
        var consent = await _s.GrantAsync(Scenario.Org());

        var decision = await Check(Provider(Org2));

        Assert.Equal((true, "consent", "consent", consent.ConsentId), (decision.Allowed, decision.Reason, decision.Basis, decision.ConsentId));
    }

    [Fact]
    public async Task CheckAccess_IdentityConsent_OnlyThatIdentity()
    {
        await _s.RegisterAsync();
        await _s.GrantAsync(Scenario.Identity(Provider(Org2, "dr-a")));

        Assert.True((await Check(Provider(Org2, "dr-a"))).Allowed);
        await Denied(AccessReasons.NoConsent, Provider(Org2, "dr-b"));
    }

    [Fact]
    public async Task CheckAccess_RoleConsent_AnyOrgWithThatRole()
    {
        await _s.RegisterAsync();
        await _s.GrantAsync(Scenario.Role("emergency"), purpose: "emergency");

        Assert.True((await Check(Emergency("Org9MSP"), purpose: "emergency")).Allowed);
        await Denied(AccessReasons.NoConsent, Provider(Org2), purpose: "emergency");
    }

    [Fact]
    public async Task CheckAccess_PatientAndDelegate_AllowedWithoutConsent()
    {
        await _s.RegisterAsync();
        var guardian = Guardian();
        await _s.Run(Patient(), (s, tx) => s.AddPatientIdentityAsync(tx, new AddPatientIdentityRequest(P1, Org1, guardian.Id, "delegate")));

        Assert.Equal("patient", (await Check(Patient())).Reason);
        Assert.Equal("delegate", (await Check(guardian)).Reason);
    }

    [Fact]
    public async Task CheckAccess_CustodianProvider_AllowedForItsRecord()
    {
        await _s.RegisterAsync();
        var record = await _s.AddRecordAsync(Provider(Org1));

        Assert.Equal("custodian", (await Check(Provider(Org1, "dr-b"), record.RecordId)).Reason);
        Assert.Equal(AccessReasons.NoConsent, (await Check(Provider(Org2), record.RecordId)).Reason);
    }

    [Fact]
    public async Task CheckAccess_NoConsent_Denied()
    {
        await _s.RegisterAsync();
        await Denied(AccessReasons.NoConsent, Provider(Org2));
    }

    [Fact]
    public async Task CheckAccess_Expired_Denied()
    {
        await _s.RegisterAsync();
        var consent = await _s.GrantAsync(Scenario.Org(), validUntil: _s.Ledger.Now.AddHours(1));
        _s.Ledger.Now = _s.Ledger.Now.AddHours(2);

        var decision = await Denied(AccessReasons.ConsentExpired, Provider(Org2));

        Assert.Equal(consent.ConsentId, decision.ConsentId);
    }

    [Fact]
    public async Task CheckAccess_AtValidUntil_DeniedButAllowedJustBefore()
    {
        await _s.RegisterAsync();
        var until = _s.Ledger.Now.AddHours(1);
        await _s.GrantAsync(Scenario.Org(), validUntil: until);

        _s.Ledger.Now = until.AddMilliseconds(-1);
        Assert.True((await Check(Provider(Org2))).Allowed);
        _s.Ledger.Now = until;
        await Denied(AccessReasons.ConsentExpired, Provider(Org2));
    }

    [Fact]
    public async Task CheckAccess_NotYetValid_Denied()
    {
        await _s.RegisterAsync();
        await _s.GrantAsync(Scenario.Org(), validFrom: _s.Ledger.Now.AddDays(1));
        await Denied(AccessReasons.ConsentNotYetValid, Provider(Org2));
    }

    [Fact]
    public async Task CheckAccess_Revoked_Denied()
    {
        await _s.RegisterAsync();
        var consent = await _s.GrantAsync(Scenario.Org());
        await _s.Run(Patient(), (s, tx) => s.RevokeConsentAsync(tx, new ConsentRequest(P1, consent.ConsentId)));
        await Denied(AccessReasons.ConsentRevoked, Provider(Org2));
    }

    [Fact]
    public async Task CheckAccess_WrongPurpose_Denied()
    {
        await _s.RegisterAsync();
        await _s.GrantAsync(Scenario.Org(), purpose: "payment");
        await Denied(AccessReasons.PurposeMismatch, Provider(Org2));
    }

    [Fact]
    public async Task CheckAccess_WrongCategory_Denied()
    {
        await _s.RegisterAsync();
        await _s.GrantAsync(Scenario.Org(), ["imaging"]);
        await Denied(AccessReasons.ScopeMismatch, Provider(Org2));
    }

    [Fact]
    public async Task CheckAccess_RecordIdScope_CoversOnlyThatRecord()
    {
        await _s.RegisterAsync();
        var shared = await _s.AddRecordAsync();
        var other = await _s.AddRecordAsync();
        await _s.GrantAsync(Scenario.Org(), recordIds: [shared.RecordId]);

        Assert.True((await Check(Provider(Org2), shared.RecordId)).Allowed);
        Assert.Equal(AccessReasons.ScopeMismatch, (await Check(Provider(Org2), other.RecordId)).Reason);
    }

    [Fact]
    public async Task CheckAccess_WrongAction_Denied()
    {
        await _s.RegisterAsync();
        await _s.GrantAsync(Scenario.Org(), actions: ["append"]);
        await Denied(AccessReasons.ActionNotGranted, Provider(Org2));
    }

    [Theory]
    [InlineData("auditor")]
    [InlineData("admin")]
    [InlineData("patient")]
    [InlineData("none")]
    public async Task CheckAccess_WrongRole_Denied(string role)
    {
        await _s.RegisterAsync();
        await _s.GrantAsync(Scenario.Org(Org1));
        var caller = role switch { "auditor" => Auditor(Org1), "admin" => Admin(Org1), "patient" => Patient(P2), _ => NoRole(Org1) };
        await Denied(AccessReasons.RoleNotPermitted, caller);
    }

    [Fact]
    public async Task CheckAccess_DeviceNotBound_Denied()
    {
        await _s.RegisterAsync();
        await _s.GrantAsync(Scenario.Role("device"));
        await Denied(AccessReasons.DeviceNotBound, Device(P2));
        Assert.True((await Check(Device(P1))).Allowed);
    }

    [Fact]
    public async Task CheckAccess_RotatedOutIdentity_Denied()
    {
        await _s.RegisterAsync();
        await _s.Run(Patient(), (s, tx) => s.RotatePatientIdentityAsync(tx, new RotatePatientIdentityRequest(P1, Org1, Patient(name: "new").Id)));
        await Denied(AccessReasons.IdentityDeactivated, Patient());
        Assert.Equal("patient", (await Check(Patient(name: "new"))).Reason);
    }

    [Fact]
    public async Task CheckAccess_ResearchByProviderOrTreatmentByResearcher_Denied()
    {
        await _s.RegisterAsync();
        await _s.GrantAsync(Scenario.Org(), purpose: "research");
        await Denied(AccessReasons.PurposeNotPermittedForRole, Provider(Org2), purpose: "research");
        await Denied(AccessReasons.PurposeNotPermittedForRole, Researcher(Org2), purpose: "treatment");
        Assert.True((await Check(Researcher(Org2), purpose: "research")).Allowed);
    }

    [Fact]
    public async Task CheckAccess_SeveralNearMisses_ReportsTheClosest()
    {
        await _s.RegisterAsync();
        await _s.GrantAsync(Scenario.Org(), ["imaging"]);
        var revoked = await _s.GrantAsync(Scenario.Org());
        await _s.Run(Patient(), (s, tx) => s.RevokeConsentAsync(tx, new ConsentRequest(P1, revoked.ConsentId)));

        var decision = await Denied(AccessReasons.ConsentRevoked, Provider(Org2));

        Assert.Equal(revoked.ConsentId, decision.ConsentId);
    }

    [Fact]
    public async Task CheckAccess_Append_ProviderAllowedWithoutConsentPatientDenied()
    {
        await _s.RegisterAsync();

        Assert.Equal((true, AccessReasons.Provider), ((await Check(Provider(Org2), action: "append")).Allowed, (await Check(Provider(Org2), action: "append")).Reason));
        Assert.Equal(AccessReasons.RoleNotPermitted, (await Check(Patient(), action: "append")).Reason);
        Assert.Equal(AccessReasons.RoleNotPermitted, (await Check(Emergency(), action: "append")).Reason);
    }

    [Fact]
    public async Task CheckAccess_AppendByDevice_FollowsAppendConsent()
    {
        await _s.RegisterAsync();
        Assert.Equal(AccessReasons.NoConsent, (await Check(Device(), category: "device-reading", action: "append")).Reason);
        var consent = await _s.GrantAsync(Scenario.Identity(Device()), ["device-reading"], actions: ["append"]);

        var decision = await Check(Device(), category: "device-reading", action: "append");

        Assert.Equal((true, consent.ConsentId), (decision.Allowed, decision.ConsentId));
        Assert.Equal(AccessReasons.DeviceNotBound, (await Check(Device(P2), category: "device-reading", action: "append")).Reason);
    }

    [Fact]
    public async Task CheckAccess_AppendForRecord_InvalidArgument()
    {
        await _s.RegisterAsync();
        var record = await _s.AddRecordAsync();
        await _s.Fails(DomainErrorCodes.InvalidArgument, Device(), (s, tx) => s.CheckAccessAsync(
            tx, new CheckAccessRequest(P1, "append", "treatment", record.RecordId)));
    }

    [Fact]
    public async Task CheckAccess_BothRecordAndCategory_InvalidArgument()
    {
        await _s.RegisterAsync();
        var record = await _s.AddRecordAsync();
        await _s.Fails(DomainErrorCodes.InvalidArgument, Provider(), (s, tx) => s.CheckAccessAsync(
            tx, new CheckAccessRequest(P1, "read", "treatment", record.RecordId, "laboratory")));
    }

    [Fact]
    public async Task CheckAccess_PatientAskingForRecordOfOtherPatient_NotFound()
    {
        await _s.RegisterAsync();
        await _s.RegisterAsync(P2);
        var record = await _s.AddRecordAsync(patientId: P2);
        await _s.Fails(DomainErrorCodes.NotFound, Patient(), (s, tx) => s.CheckAccessAsync(
            tx, new CheckAccessRequest(P1, "read", "treatment", record.RecordId)));
    }
}
