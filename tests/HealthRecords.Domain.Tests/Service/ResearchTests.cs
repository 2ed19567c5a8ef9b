using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Tests.Support;
using static HealthRecords.Domain.Tests.Support.Callers;

namespace HealthRecords.Domain.Tests.Service;

public sealed class ResearchTests
{
    private readonly Scenario _s = new(new HealthRecordsOptions { ResearchThreshold = 2 });

    private async Task PatientWithRecordsAsync(string patientId, int labRecords, Grantee? researchGrantee, string category = "laboratory")
    {
        await _s.RegisterAsync(patientId);
        for (var i = 0; i < labRecords; i++)
        {
            await _s.AddRecordAsync(patientId: patientId, category: category);
        }

        if (researchGrantee is not null)
        {
            await _s.GrantAsync(researchGrantee, [category], "research", patientId: patientId);
        }
    }

    private Task<ResearchCountResponse> CountAsync(string[]? categories = null) =>
        _s.Run(Researcher(), (s, tx) => s.CountResearchRecordsAsync(tx, new ResearchCountRequest(categories)));

    [Fact]
    public async Task CountResearchRecords_CountsOnlyConsentingPatients()
    {
        await PatientWithRecordsAsync("p-a", 2, Scenario.Role("researcher"));
        await PatientWithRecordsAsync("p-b", 1, Scenario.Org(Org2));
        await PatientWithRecordsAsync("p-c", 5, null);
        await PatientWithRecordsAsync("p-d", 4, Scenario.Org(Org1)); // another org's researchers

        var lab = Assert.Single((await CountAsync(["laboratory"])).Counts);

        Assert.Equal(("laboratory", 2L, 3L, false), (lab.Category, lab.Patients, lab.Records, lab.Suppressed));
    }

    [Fact]
    public async Task CountResearchRecords_UnderThreshold_Suppressed()
    {
        await PatientWithRecordsAsync("p-a", 3, Scenario.Role("researcher"));

        var lab = Assert.Single((await CountAsync(["laboratory"])).Counts);

        Assert.Equal((null, null, true), (lab.Patients, lab.Records, lab.Suppressed));
    }

    [Fact]
    public async Task CountResearchRecords_RevokedExpiredOrTreatmentConsent_NotCounted()
    {
        await PatientWithRecordsAsync("p-a", 1, Scenario.Role("researcher"));
        await PatientWithRecordsAsync("p-b", 1, Scenario.Role("researcher"));
        var consents = await _s.Run(Patient("p-b"), (s, tx) => s.ListConsentsAsync(tx, new ListConsentsRequest("p-b")));
        await _s.Run(Patient("p-b"), (s, tx) => s.RevokeConsentAsync(tx, new ConsentRequest("p-b", consents.Consents[0].ConsentId)));
        await PatientWithRecordsAsync("p-c", 1, null);
        await _s.GrantAsync(Scenario.Role("researcher"), ["laboratory"], "research", patientId: "p-c", validUntil: _s.Ledger.Now.AddMinutes(1));
        await PatientWithRecordsAsync("p-d", 1, null);
        await _s.GrantAsync(Scenario.Role("researcher"), ["laboratory"], "treatment", patientId: "p-d");
        _s.Ledger.Now = _s.Ledger.Now.AddHours(1);

        var lab = Assert.Single((await CountAsync(["laboratory"])).Counts);

        Assert.True(lab.Suppressed); // only p-a remains: 1 patient, under the threshold of 2
    }

    [Fact]
    public async Task CountResearchRecords_SupersededVersions_CountOnce()
    {
        await PatientWithRecordsAsync("p-a", 1, Scenario.Role("researcher"));
        await PatientWithRecordsAsync("p-b", 1, Scenario.Role("researcher"));
        var list = await _s.Run(Patient("p-a"), (s, tx) => s.ListRecordsAsync(tx, new ListRecordsRequest("p-a")));
        await _s.Run(Provider(), (s, tx) => s.SupersedeRecordAsync(tx, new SupersedeRecordRequest(list.Records[0].RecordId, "urn:x:9", Scenario.Hash, 1, "text/plain")));

        var lab = Assert.Single((await CountAsync(["laboratory"])).Counts);

        Assert.Equal((2L, 2L), (lab.Patients, lab.Records));
    }

    [Fact]
    public async Task CountResearchRecords_NoCategories_CountsEveryCategoryInOrder()
    {
        var response = await CountAsync();
        Assert.Equal(Vocabulary.Categories, response.Counts.Select(c => c.Category));
        Assert.All(response.Counts, c => Assert.Equal(0L, c.Patients));
        Assert.Equal(2, response.Threshold);
    }

    [Theory]
    [InlineData("provider")]
    [InlineData("auditor")]
    [InlineData("patient")]
    public async Task CountResearchRecords_NotResearcher_Forbidden(string role)
    {
        var caller = role switch { "provider" => Provider(), "auditor" => Auditor(), _ => Patient() };
        await _s.Fails(DomainErrorCodes.Forbidden, caller, (s, tx) => s.CountResearchRecordsAsync(tx, new ResearchCountRequest(null)));
    }

    [Fact]
    public async Task CountResearchRecords_Response_NamesNoPatient()
    {
        await PatientWithRecordsAsync("p-secret-a", 1, Scenario.Role("researcher"));
        await PatientWithRecordsAsync("p-secret-b", 1, Scenario.Role("researcher"));

        var json = System.Text.Encoding.UTF8.GetString(HealthRecordsJson.Serialize(await CountAsync()));

        Assert.DoesNotContain("p-secret", json, StringComparison.Ordinal);
    }
}
