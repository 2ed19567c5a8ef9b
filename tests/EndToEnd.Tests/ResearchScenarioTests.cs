using EndToEnd.Tests.Infrastructure;
using HealthRecords.Domain.Contracts;
using TestSupport;
using static EndToEnd.Tests.Infrastructure.Scenario;

namespace EndToEnd.Tests;

/// <summary>Researchers get aggregate counts over consenting patients, never pointers.</summary>
[Collection(NetworkCollection.Name)]
public sealed class ResearchScenarioTests(NetworkFixture network) : IAsyncLifetime
{
    public Task InitializeAsync() => network.EnsureAliceRegisteredAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CountResearchRecords_ConsentingPatient_CountsOnlyWithSmallCellsSuppressed()
    {
        await network.AddRecordAsync(HospitalDoctor, $"resting heart rate 64 ({Guid.NewGuid():N})", "vital-signs", "Observation");
        await network.GrantAsync(new Grantee("role", "researcher"), "read", "vital-signs", "research", days: 365);

        var counts = await network.Client(Researcher).CountResearchRecordsAsync(new ResearchCountRequest(["vital-signs"])).WithTimeout();

        var row = Assert.Single(counts.Counts);
        Assert.Equal("vital-signs", row.Category);
        if (row.Suppressed)
        {
            Assert.Null(row.Patients);
            Assert.Null(row.Records);
        }
        else
        {
            Assert.True(row.Patients >= counts.Threshold, $"an unsuppressed cell must have at least {counts.Threshold} patients");
        }
    }

    [Fact]
    public async Task ReadRecord_ResearcherWithoutResearchConsentForCategory_Refused()
    {
        var lab = await network.AddRecordAsync(HospitalDoctor, $"lipid panel ({Guid.NewGuid():N})");

        var refusal = await AssertForbiddenAsync(() => network.Client(Researcher).ReadRecordAsync(new ReadRecordRequest(lab.Record.RecordId, "research")));

        Assert.NotNull(refusal.Reason);
    }

    [Fact]
    public async Task CountResearchRecords_Provider_Refused()
    {
        await AssertForbiddenAsync(() => network.Client(ClinicDoctor).CountResearchRecordsAsync(new ResearchCountRequest()));
    }
}
