using System.Text.Json;
using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Tests.Support;
using static HealthRecords.Domain.Tests.Support.Callers;

namespace HealthRecords.Domain.Tests.Service;

public sealed class RecordsTests
{
    private readonly Scenario _s = new();

    [Fact]
    public async Task AddRecord_Provider_StoresPointerWithDerivedIdAndTxFields()
    {
        await _s.RegisterAsync();
        var response = await _s.Run(Provider(), (s, tx) => s.AddRecordAsync(tx, Scenario.NewRecord()));
        var tx = _s.Ledger.Last!;

        var r = response.Record;
        Assert.Matches("^rec-[0-9a-f]{40}$", r.RecordId);
        Assert.Equal((Org1, Provider().Id, "provider"), (r.Custodian, r.Author.Id, r.Author.Role));
        Assert.Equal((tx.TxId, tx.Timestamp, 1, 0L), (r.TxId, r.RecordedAt, r.Version, r.HistoryIndex));
        Assert.Null(r.Supersedes);
        Assert.Equal((0L, 1L), (response.History.LeafIndex, response.History.TreeSize));
    }

    [Fact]
    public async Task AddRecord_ProviderOfAnyOrg_BecomesCustodian()
    {
        await _s.RegisterAsync();
        var record = await _s.AddRecordAsync(Provider(Org2));
        Assert.Equal(Org2, record.Custodian);
    }

    [Fact]
    public async Task AddRecord_UnknownPatient_NotFound()
    {
        await _s.Fails(DomainErrorCodes.NotFound, Provider(), (s, tx) => s.AddRecordAsync(tx, Scenario.NewRecord()));
    }

    [Theory]
    [InlineData("researcher")]
    [InlineData("emergency")]
    [InlineData("patient")]
    [InlineData("auditor")]
    public async Task AddRecord_RoleThatDoesNotAdd_Forbidden(string role)
    {
        await _s.RegisterAsync();
        var caller = role switch { "researcher" => Researcher(), "emergency" => Emergency(), "patient" => Patient(), _ => Auditor() };
        await _s.Fails(DomainErrorCodes.Forbidden, caller, (s, tx) => s.AddRecordAsync(tx, Scenario.NewRecord()));
    }

    [Fact]
    public async Task AddRecord_DeviceWithAppendConsent_Succeeds()
    {
        await _s.RegisterAsync();
        await _s.GrantAsync(Scenario.Identity(Device()), ["device-reading"], actions: ["append"]);

        var record = await _s.AddRecordAsync(Device(), category: "device-reading");

        Assert.Equal(Device().Id, record.Author.Id);
    }

    [Fact]
    public async Task AddRecord_DeviceBoundButNoConsent_Forbidden()
    {
        await _s.RegisterAsync();
        var ex = await _s.Fails(DomainErrorCodes.Forbidden, Device(), (s, tx) => s.AddRecordAsync(tx, Scenario.NewRecord(category: "device-reading")));
        Assert.Contains("no-consent", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRecord_DeviceNotBoundToPatient_Forbidden()
    {
        await _s.RegisterAsync();
        await _s.GrantAsync(Scenario.Role("device"), ["device-reading"], actions: ["append"]);

        var ex = await _s.Fails(DomainErrorCodes.Forbidden, Device(P2), (s, tx) => s.AddRecordAsync(tx, Scenario.NewRecord(category: "device-reading")));
        Assert.Contains("device-not-bound", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRecord_DeviceConsentForOtherCategory_Forbidden()
    {
        await _s.RegisterAsync();
        await _s.GrantAsync(Scenario.Identity(Device()), ["vital-signs"], actions: ["append"]);

        var ex = await _s.Fails(DomainErrorCodes.Forbidden, Device(), (s, tx) => s.AddRecordAsync(tx, Scenario.NewRecord(category: "device-reading")));
        Assert.Contains("scope-mismatch", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRecord_DeviceWithReadOnlyConsent_Forbidden()
    {
        await _s.RegisterAsync();
        await _s.GrantAsync(Scenario.Identity(Device()), ["device-reading"], actions: ["read"]);

        var ex = await _s.Fails(DomainErrorCodes.Forbidden, Device(), (s, tx) => s.AddRecordAsync(tx, Scenario.NewRecord(category: "device-reading")));
        Assert.Contains("action-not-granted", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SupersedeRecord_Custodian_NewVersionPointsAtOldAndOldIsKept()
    {
        await _s.RegisterAsync();
        var old = await _s.AddRecordAsync();
        var request = new SupersedeRecordRequest(old.RecordId, "ipfs://bafybeigdyrzt", new string('a', 64), 10, "application/pdf");

        var response = await _s.Run(Provider(name: "dr-wilson"), (s, tx) => s.SupersedeRecordAsync(tx, request));
        var oldNow = await _s.Run(Patient(), (s, tx) => s.GetRecordAsync(tx, new GetRecordRequest(old.RecordId)));

        Assert.Equal((2, old.RecordId), (response.Record.Version, response.Record.Supersedes));
        Assert.Equal((old.Category, old.ResourceType), (response.Record.Category, response.Record.ResourceType));
        Assert.Equal(response.Record.RecordId, oldNow.Record.SupersededBy);
        Assert.Equal(old.ContentHash, oldNow.Record.ContentHash);
    }

    [Fact]
    public async Task SupersedeRecord_OtherOrgProvider_NotFoundLikeAMissingId()
    {
        await _s.RegisterAsync();
        var old = await _s.AddRecordAsync();
        await _s.Fails(DomainErrorCodes.NotFound, Provider(Org2), (s, tx) => s.SupersedeRecordAsync(
            tx, new SupersedeRecordRequest(old.RecordId, "urn:uuid:1", Scenario.Hash, 1, "text/plain")));
    }

    [Fact]
    public async Task SupersedeRecord_AlreadySuperseded_Conflict()
    {
        await _s.RegisterAsync();
        var old = await _s.AddRecordAsync();
        var request = new SupersedeRecordRequest(old.RecordId, "urn:uuid:1", Scenario.Hash, 1, "text/plain");
        await _s.Run(Provider(), (s, tx) => s.SupersedeRecordAsync(tx, request));

        await _s.Fails(DomainErrorCodes.Conflict, Provider(), (s, tx) => s.SupersedeRecordAsync(tx, request));
    }

    [Fact]
    public async Task GetRecord_ByRole_PatientAndCustodianSucceedOthersNotFound()
    {
        await _s.RegisterAsync();
        var record = await _s.AddRecordAsync();

        Assert.Equal(record, (await _s.Run(Patient(), (s, tx) => s.GetRecordAsync(tx, new GetRecordRequest(record.RecordId)))).Record);
        Assert.Equal(record, (await _s.Run(Provider(name: "x"), (s, tx) => s.GetRecordAsync(tx, new GetRecordRequest(record.RecordId)))).Record);
        await _s.Fails(DomainErrorCodes.NotFound, Provider(Org2), (s, tx) => s.GetRecordAsync(tx, new GetRecordRequest(record.RecordId)));
        await _s.Fails(DomainErrorCodes.NotFound, Auditor(), (s, tx) => s.GetRecordAsync(tx, new GetRecordRequest(record.RecordId)));
    }

    [Fact]
    public async Task GetRecord_Unknown_NotFound()
    {
        await _s.Fails(DomainErrorCodes.NotFound, Patient(), (s, tx) => s.GetRecordAsync(tx, new GetRecordRequest("rec-" + new string('0', 40))));
    }

    [Fact]
    public async Task ListRecords_Patient_PagesThroughCategoryThenTimeOrder()
    {
        await _s.RegisterAsync();
        var added = new List<RecordPointer>();
        foreach (var category in new[] { "vital-signs", "laboratory", "laboratory", "imaging", "laboratory" })
        {
            added.Add(await _s.AddRecordAsync(category: category));
        }

        var seen = new List<RecordSummary>();
        string? bookmark = null;
        do
        {
            var page = await _s.Run(Patient(), (s, tx) => s.ListRecordsAsync(tx, new ListRecordsRequest(P1, PageSize: 2, Bookmark: bookmark)));
            Assert.True(page.Records.Count <= 2);
            seen.AddRange(page.Records);
            bookmark = page.Bookmark;
        }
        while (bookmark.Length > 0);

        var expected = added.OrderBy(r => r.Category, StringComparer.Ordinal).ThenBy(r => r.RecordedAt).Select(r => r.RecordId);
        Assert.Equal(expected, seen.Select(r => r.RecordId));
    }

    [Fact]
    public async Task ListRecords_OneCategory_OnlyThatCategory()
    {
        await _s.RegisterAsync();
        await _s.AddRecordAsync(category: "imaging");
        var lab = await _s.AddRecordAsync(category: "laboratory");

        var page = await _s.Run(Patient(), (s, tx) => s.ListRecordsAsync(tx, new ListRecordsRequest(P1, "laboratory")));

        Assert.Equal([lab.RecordId], page.Records.Select(r => r.RecordId));
        Assert.Equal(string.Empty, page.Bookmark);
    }

    [Fact]
    public async Task ListRecords_ConsentedProvider_ListsSummariesWithoutLocation()
    {
        await _s.RegisterAsync();
        await _s.AddRecordAsync();
        await _s.GrantAsync(Scenario.Org(Org2));

        var page = await _s.Run(Provider(Org2), (s, tx) => s.ListRecordsAsync(tx, new ListRecordsRequest(P1, "laboratory")));

        Assert.Single(page.Records);
        Assert.DoesNotContain("location", JsonSerializer.Serialize(page.Records[0], HealthRecordsJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListRecords_ProviderWithoutConsentOrCategory_Forbidden()
    {
        await _s.RegisterAsync();
        await _s.Fails(DomainErrorCodes.Forbidden, Provider(Org2), (s, tx) => s.ListRecordsAsync(tx, new ListRecordsRequest(P1, "laboratory")));
        await _s.Fails(DomainErrorCodes.Forbidden, Provider(Org2), (s, tx) => s.ListRecordsAsync(tx, new ListRecordsRequest(P1)));
    }
}
