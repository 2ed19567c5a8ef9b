using System.Text;
using Hyperledger.Fabric.Gateway;
using HealthRecords.Domain;
using HealthRecords.Domain.Contracts;
using TestSupport;

namespace HealthRecords.Client.Tests.Network;

/// <summary>
/// The attacks of issue 12, through the real chaincode on the dev network over TLS sockets: bookmarks
/// outside the listing's range are refused with nothing disclosed, and no read path hands out a pointer
/// from an evaluate or an endorsement that was never submitted (break-glass included).
/// </summary>
[Collection(HealthRecordsNetworkCollection.Name)]
public sealed class DevNetworkConsentLeakTests(HealthRecordsNetworkFixture fixture)
{
    private const string Alice = HealthRecordsNetworkFixture.Alice;

    public static TheoryData<string, string, string> BookmarkAttacks => new()
    {
        // identity, listing, bookmark
        { "clinic-doctor", "records:laboratory", $"\0hrec.recordIndex\0{Alice}\0clinical-note\0" }, // a category outside the consent
        { "clinic-doctor", "records:laboratory", "\0hrec.record\0" },                               // another kind of key
        { "clinic-doctor", "records:laboratory", "\0hrec.recordIndex\0" },                          // before the range start
        { "alice", "records", "\0hrec.recordIndex\0pt-aaron\0" },                                   // another patient's index
        { "alice", "consents", "\0hrec.consent\0pt-aaron\0" },                                      // another patient's consents
        { "auditor", "access-log", "\0hrec.access\0pt-aaron\0" },                                   // another patient's access log
        { "auditor", "access-log", "\0hrec.record\0" },                                             // another kind of key
    };

    [Theory]
    [MemberData(nameof(BookmarkAttacks))]
    public async Task ListingWithForeignBookmark_InvalidArgumentAndNothingDisclosed(string identity, string listing, string bookmark)
    {
        var seed = await fixture.SeedAsync().WithTimeout();
        using var client = fixture.Client(identity);

        var e = await Assert.ThrowsAsync<HealthRecordsException>(() => ListAsync(client, listing, bookmark));

        Assert.Equal(HealthRecordsErrorCode.InvalidArgument, e.Code);
        Assert.Contains("bookmark", e.Message, StringComparison.Ordinal);
        foreach (var record in seed.Records)
        {
            Assert.DoesNotContain(record.RecordId, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(record.Location, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(record.ContentHash, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ListRecords_BookmarkFromThePreviousPage_Continues()
    {
        var seed = await fixture.SeedAsync().WithTimeout();
        using var clinic = fixture.Client("clinic-doctor");

        var first = await clinic.ListRecordsAsync(new ListRecordsRequest(Alice, "laboratory", PageSize: 1)).WithTimeout();
        var second = await clinic.ListRecordsAsync(new ListRecordsRequest(Alice, "laboratory", PageSize: 1, Bookmark: first.Bookmark)).WithTimeout();

        Assert.Equal(
            seed.Records.Select(r => r.RecordId).Order(StringComparer.Ordinal),
            first.Records.Concat(second.Records).Select(r => r.RecordId).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("clinic-doctor", "RequestAccess")]
    [InlineData("er-physician", "EmergencyAccess")]
    public async Task AccessStep_EvaluatedOrEndorsedOnly_NoPointerAndNoEntryToReadUnder(string identity, string function)
    {
        var seed = await fixture.SeedAsync().WithTimeout();
        using var caller = fixture.Client(identity);
        using var alice = fixture.Client("alice");
        var logBefore = await CountAccessLogAsync(alice);
        var request = function == "RequestAccess"
            ? HealthRecordsJson.Serialize(new ReadRecordRequest(seed.Records[0].RecordId, "treatment"))
            : HealthRecordsJson.Serialize(new EmergencyAccessRequest(Alice, "unconscious on arrival"));

        var evaluated = await caller.Contract.EvaluateTransactionAsync(function, [request]).WithTimeout();
        var endorsed = await caller.Contract.NewProposal(function, new ProposalOptions { Arguments = [request] }).EndorseAsync().WithTimeout();

        foreach (var result in new[] { evaluated, endorsed.Result })
        {
            var text = Encoding.UTF8.GetString(result.Span);
            foreach (var record in seed.Records)
            {
                Assert.DoesNotContain(record.Location, text, StringComparison.Ordinal);
                Assert.DoesNotContain(record.ContentHash, text, StringComparison.Ordinal);
            }

            var accessId = HealthRecordsJson.Deserialize<AccessGrantResponse>(result.Span).Access.AccessId;
            var e = await Assert.ThrowsAsync<HealthRecordsException>(() =>
                caller.ReadAccessedRecordsAsync(new AccessedRecordsRequest(Alice, accessId)).WithTimeout());
            Assert.Equal(HealthRecordsErrorCode.NotFound, e.Code);
        }

        Assert.Equal(logBefore, await CountAccessLogAsync(alice));
    }

    [Fact]
    public async Task ReadRecordAsync_ConsentedProvider_PointerOnlyAfterItsEntryIsCommitted()
    {
        var seed = await fixture.SeedAsync().WithTimeout();
        using var clinic = fixture.Client("clinic-doctor");
        using var alice = fixture.Client("alice");

        var read = await clinic.ReadRecordAsync(new ReadRecordRequest(seed.Records[0].RecordId, "treatment")).WithTimeout();
        await fixture.SettleAsync(); // the entry is committed at the clinic's peer; alice lists at the hospital's
        var log = await alice.ListAccessLogAsync(new ListAccessLogRequest(Alice, PageSize: 200)).WithTimeout();

        Assert.Equal(seed.Records[0], read.Record);
        Assert.Contains(log.Entries, e => e.AccessId == read.Access.AccessId && e.Accessor.MspId == "Org2MSP");
    }

    [Fact]
    public async Task ReadAccessedRecords_CommittedEntryOfAnotherIdentity_NotFoundAsIfMissing()
    {
        var seed = await fixture.SeedAsync().WithTimeout();
        using var clinic = fixture.Client("clinic-doctor");
        using var hospital = fixture.Client("hospital-doctor");
        var granted = await clinic.RequestAccessAsync(new ReadRecordRequest(seed.Records[1].RecordId, "treatment")).WithTimeout();
        await fixture.SettleAsync(); // committed at the hospital's peer too, so the refusal is about the identity

        var e = await Assert.ThrowsAsync<HealthRecordsException>(() =>
            hospital.ReadAccessedRecordsAsync(new AccessedRecordsRequest(Alice, granted.Access.AccessId)).WithTimeout());

        Assert.Equal((HealthRecordsErrorCode.NotFound, RefusalReasons.AccessNotCommitted), (e.Code, e.Reason));
        Assert.DoesNotContain(seed.Records[1].Location, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmergencyAccessAsync_Responder_RecordsComeFromTheCommittedFlaggedEntry()
    {
        var seed = await fixture.SeedAsync().WithTimeout();
        using var er = fixture.Client("er-physician");
        using var alice = fixture.Client("alice");

        var response = await er.EmergencyAccessAsync(new EmergencyAccessRequest(Alice, "anaphylaxis", seed.Records[0].RecordId)).WithTimeout();
        var log = await alice.ListAccessLogAsync(new ListAccessLogRequest(Alice, PageSize: 200)).WithTimeout();

        Assert.Equal(seed.Records[0], Assert.Single(response.Records));
        Assert.Contains(log.Entries, e => e.AccessId == response.Access.AccessId && e.Emergency);
    }

    private static async Task ListAsync(HealthRecordsClient client, string listing, string bookmark)
    {
        switch (listing)
        {
            case "records":
                await client.ListRecordsAsync(new ListRecordsRequest(Alice, Bookmark: bookmark)).WithTimeout();
                break;
            case "records:laboratory":
                await client.ListRecordsAsync(new ListRecordsRequest(Alice, "laboratory", Bookmark: bookmark)).WithTimeout();
                break;
            case "consents":
                await client.ListConsentsAsync(new ListConsentsRequest(Alice, Bookmark: bookmark)).WithTimeout();
                break;
            default:
                await client.ListAccessLogAsync(new ListAccessLogRequest(Alice, Bookmark: bookmark)).WithTimeout();
                break;
        }
    }

    private static async Task<int> CountAccessLogAsync(HealthRecordsClient alice)
    {
        var count = 0;
        var bookmark = string.Empty;
        do
        {
            var page = await alice.ListAccessLogAsync(new ListAccessLogRequest(Alice, 200, bookmark)).WithTimeout();
            count += page.Entries.Count;
            bookmark = page.Bookmark;
        }
        while (bookmark.Length > 0);
        return count;
    }
}
