using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Ports;
using HealthRecords.Domain.Tests.Support;
using static HealthRecords.Domain.Tests.Support.Callers;

namespace HealthRecords.Domain.Tests.Service;

/// <summary>
/// The test ledger pages like Fabric's peer (the bookmark becomes the range start unchecked), so
/// each listing must confine the bookmark to the range its validated request selects: another
/// patient's keys, another kind of key, a category the caller may not see, or a position before the
/// range start are refused as INVALID_ARGUMENT before anything is read, and the refusal names nothing stored.
/// </summary>
public sealed class BookmarkConfinementTests
{
    private readonly Scenario _s = new();

    private static Caller Bob => Patient(P2, "bob");

    [Fact]
    public async Task ListRecords_BookmarkIntoOtherPatientsIndex_InvalidArgumentNothingRead()
    {
        await SeedAliceAndBobAsync();

        var ex = await RefusedAsync(Bob, (s, tx) => s.ListRecordsAsync(tx, new ListRecordsRequest(P2, Bookmark: $"\0hrec.recordIndex\0{P1}\0")));

        AssertNamesNothingStored(ex);
    }

    [Fact]
    public async Task ListRecords_BookmarkOfAnotherKeyType_InvalidArgumentNothingRead()
    {
        await SeedAliceAndBobAsync();

        var ex = await RefusedAsync(Bob, (s, tx) => s.ListRecordsAsync(tx, new ListRecordsRequest(P2, Bookmark: "\0hrec.record\0")));

        AssertNamesNothingStored(ex);
    }

    [Fact]
    public async Task ListRecords_BookmarkIntoCategoryOutsideConsent_InvalidArgumentNothingRead()
    {
        await SeedAliceAndBobAsync();
        await _s.GrantAsync(Scenario.Org(Org2), ["laboratory"]);

        var ex = await RefusedAsync(Provider(Org2), (s, tx) => s.ListRecordsAsync(
            tx, new ListRecordsRequest(P1, "laboratory", Bookmark: $"\0hrec.recordIndex\0{P1}\0clinical-note\0")));

        AssertNamesNothingStored(ex);
    }

    [Theory]
    [InlineData("\0hrec.recordIndex\0")]
    [InlineData("\0hrec.recordIndex\0pat-0002")]
    [InlineData("\0hrec.recordIndex\0pat-0002\0")]
    [InlineData("\0")]
    public async Task ListRecords_BookmarkAtOrBeforeRangeStart_InvalidArgumentNothingRead(string bookmark)
    {
        await SeedAliceAndBobAsync();

        var ex = await RefusedAsync(Bob, (s, tx) => s.ListRecordsAsync(tx, new ListRecordsRequest(P2, Bookmark: bookmark)));

        AssertNamesNothingStored(ex);
    }

    [Fact]
    public async Task ListAccessLog_BookmarkIntoOtherPatientsLog_InvalidArgumentNothingRead()
    {
        await SeedAliceAndBobAsync();
        var record = (await _s.Run(Patient(), (s, tx) => s.ListRecordsAsync(tx, new ListRecordsRequest(P1)))).Records[0];
        await _s.Run(Emergency(), (s, tx) => s.EmergencyAccessAsync(tx, new EmergencyAccessRequest(P1, "unconscious", record.RecordId)));

        var ex = await RefusedAsync(Bob, (s, tx) => s.ListAccessLogAsync(tx, new ListAccessLogRequest(P2, Bookmark: $"\0hrec.access\0{P1}\0")));

        AssertNamesNothingStored(ex);
    }

    [Fact]
    public async Task ListConsents_BookmarkIntoOtherPatientsConsents_InvalidArgumentNothingRead()
    {
        await SeedAliceAndBobAsync();
        await _s.GrantAsync(Scenario.Org(Org2), ["laboratory"]);

        var ex = await RefusedAsync(Bob, (s, tx) => s.ListConsentsAsync(tx, new ListConsentsRequest(P2, Bookmark: $"\0hrec.consent\0{P1}\0")));

        AssertNamesNothingStored(ex);
    }

    [Fact]
    public async Task ListRecords_BookmarkFromPreviousPage_ContinuesInsideTheRange()
    {
        await SeedAliceAndBobAsync();
        await _s.AddRecordAsync(patientId: P2);

        var first = await _s.Run(Bob, (s, tx) => s.ListRecordsAsync(tx, new ListRecordsRequest(P2, PageSize: 1)));
        var second = await _s.Run(Bob, (s, tx) => s.ListRecordsAsync(tx, new ListRecordsRequest(P2, PageSize: 1, Bookmark: first.Bookmark)));

        Assert.NotEqual(string.Empty, first.Bookmark);
        Assert.All(first.Records.Concat(second.Records), r => Assert.Equal(P2, r.PatientId));
        Assert.NotEqual(first.Records[0].RecordId, second.Records[0].RecordId);
    }

    /// <summary>Alice (P1) with a laboratory and a clinical-note record; Bob (P2) registered with one laboratory record.</summary>
    private async Task SeedAliceAndBobAsync()
    {
        await _s.RegisterAsync();
        await _s.RegisterAsync(P2, Bob);
        await _s.AddRecordAsync();
        await _s.AddRecordAsync(category: "clinical-note");
        await _s.AddRecordAsync(patientId: P2);
    }

    private async Task<DomainException> RefusedAsync<T>(Caller caller, Func<HealthRecordsService, ITransactionContext, Task<T>> call)
    {
        var ex = await _s.Fails(DomainErrorCodes.InvalidArgument, caller, call);
        Assert.Equal(0, _s.Ledger.Last!.PageQueries);
        Assert.Contains("bookmark", ex.Message, StringComparison.Ordinal);
        return ex;
    }

    private void AssertNamesNothingStored(DomainException ex)
    {
        Assert.DoesNotContain(P1, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("rec-", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Scenario.Hash, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", ex.Message, StringComparison.Ordinal);
    }
}
