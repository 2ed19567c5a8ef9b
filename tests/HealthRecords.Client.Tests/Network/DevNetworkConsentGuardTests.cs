using System.Text;
using HealthRecords.Client.OffChain;
using HealthRecords.Domain;
using HealthRecords.Domain.Contracts;
using TestSupport;

namespace HealthRecords.Client.Tests.Network;

/// <summary>
/// The custodian's guard and content store through the chaincode on the dev network: content is served only
/// against a committed access entry of the requester that names the record and purpose.
/// </summary>
[Collection(HealthRecordsNetworkCollection.Name)]
public sealed class DevNetworkConsentGuardTests(HealthRecordsNetworkFixture fixture)
{
    private const string Alice = HealthRecordsNetworkFixture.Alice;

    [Fact]
    public async Task AuthorizeReadAsync_CommittedEntryOfTheRequester_AllowedWithTheLedgersPointer()
    {
        var seed = await fixture.SeedAsync().WithTimeout();
        using var clinic = fixture.Client("clinic-doctor");
        using var hospitalServer = fixture.Client("hospital-doctor");
        var granted = await clinic.RequestAccessAsync(new ReadRecordRequest(seed.Records[0].RecordId, "treatment")).WithTimeout();
        await fixture.SettleAsync(); // committed at the clinic's peer; the guard asks the hospital's
        var query = await clinic.CreateAccessQueryAsync(granted.Access, fixture.Profile.LoadSigner("clinic-doctor")).WithTimeout();

        var decision = await new ConsentGuard(hospitalServer.Gateway!)
            .AuthorizeReadAsync(AccessQuery.Decode(query.Encode()), Alice, seed.Records[0].RecordId, "treatment").WithTimeout();

        Assert.True(decision.Allowed);
        Assert.Equal("consent", decision.Basis);
        Assert.Equal(seed.Consent.ConsentId, decision.ConsentId);
        Assert.Equal(granted.Access.AccessId, decision.AccessId);
        Assert.Equal(seed.Records[0], decision.Record);
        Assert.Equal(fixture.Profile.LoadIdentity("clinic-doctor").Id, decision.RequesterId);
    }

    [Fact]
    public async Task AuthorizeReadAsync_EntryOnlyEvaluatedNeverCommitted_DeniedNoCommittedAccess()
    {
        var seed = await fixture.SeedAsync().WithTimeout();
        using var clinic = fixture.Client("clinic-doctor");
        using var hospitalServer = fixture.Client("hospital-doctor");
        var evaluated = await clinic.Contract.EvaluateTransactionAsync(
            "RequestAccess", [HealthRecordsJson.Serialize(new ReadRecordRequest(seed.Records[0].RecordId, "treatment"))]).WithTimeout();
        var uncommitted = HealthRecordsJson.Deserialize<AccessGrantResponse>(evaluated.Span).Access;
        var query = await clinic.CreateAccessQueryAsync(uncommitted, fixture.Profile.LoadSigner("clinic-doctor")).WithTimeout();

        var decision = await new ConsentGuard(hospitalServer.Gateway!).AuthorizeReadAsync(query, Alice, seed.Records[0].RecordId, "treatment").WithTimeout();

        Assert.False(decision.Allowed);
        Assert.Equal("no-committed-access", decision.Reason);
        Assert.Null(decision.Record);
        Assert.DoesNotContain(seed.Records[0].Location, decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorizeReadAsync_CommittedEntryOfAnotherIdentity_Denied()
    {
        var seed = await fixture.SeedAsync().WithTimeout();
        using var clinic = fixture.Client("clinic-doctor");
        using var researcher = fixture.Client("researcher");
        using var hospitalServer = fixture.Client("hospital-doctor");
        var granted = await clinic.RequestAccessAsync(new ReadRecordRequest(seed.Records[0].RecordId, "treatment")).WithTimeout();
        await fixture.SettleAsync(); // committed at the clinic's peer; the guard asks the hospital's
        var stolen = await researcher.CreateAccessQueryAsync(granted.Access, fixture.Profile.LoadSigner("researcher")).WithTimeout();

        var decision = await new ConsentGuard(hospitalServer.Gateway!).AuthorizeReadAsync(stolen, Alice, seed.Records[0].RecordId, "treatment").WithTimeout();

        Assert.False(decision.Allowed);
        Assert.Null(decision.Record);
    }

    [Fact]
    public async Task AuthorizeReadAsync_EntryForAnotherRecordOrPurpose_Denied()
    {
        var seed = await fixture.SeedAsync().WithTimeout();
        using var clinic = fixture.Client("clinic-doctor");
        using var hospitalServer = fixture.Client("hospital-doctor");
        var granted = await clinic.RequestAccessAsync(new ReadRecordRequest(seed.Records[0].RecordId, "treatment")).WithTimeout();
        await fixture.SettleAsync(); // committed at the clinic's peer; the guard asks the hospital's
        var guard = new ConsentGuard(hospitalServer.Gateway!);
        var signer = fixture.Profile.LoadSigner("clinic-doctor");

        var otherRecord = await guard.AuthorizeReadAsync(
            await clinic.CreateAccessQueryAsync(granted.Access, signer).WithTimeout(), Alice, seed.Records[1].RecordId, "treatment").WithTimeout();
        var otherPurpose = await guard.AuthorizeReadAsync(
            await clinic.CreateAccessQueryAsync(granted.Access, signer).WithTimeout(), Alice, seed.Records[0].RecordId, "research").WithTimeout();

        Assert.Equal((false, "record-not-covered"), (otherRecord.Allowed, otherRecord.Reason));
        Assert.Equal((false, "purpose-mismatch"), (otherPurpose.Allowed, otherPurpose.Reason));
        Assert.Null(otherRecord.Record);
        Assert.Null(otherPurpose.Record);
    }

    [Fact]
    public async Task ServeAsync_ContentStore_ServesBytesOnlyAgainstACommittedEntry()
    {
        await fixture.SeedAsync().WithTimeout();
        using var folder = new TemporaryDirectory();
        var store = new ContentAddressedStore(folder.Path);
        var blob = await store.PutAsync(Encoding.UTF8.GetBytes($"{{\"resourceType\":\"Observation\",\"id\":\"{Guid.NewGuid():N}\"}}")).WithTimeout();
        using var hospital = fixture.Client("hospital-doctor");
        var added = await hospital.AddRecordAsync(new AddRecordRequest(Alice, "Observation", "laboratory", blob.Uri, blob.Hash, blob.Size, "application/fhir+json")).WithTimeout();
        await fixture.SettleAsync(); // committed at the hospital's peer; the clinic's evaluates next
        using var clinic = fixture.Client("clinic-doctor");
        var signer = fixture.Profile.LoadSigner("clinic-doctor");
        var server = new GuardedContentStore(store, new ConsentGuard(hospital.Gateway!));
        var evaluated = await clinic.Contract.EvaluateTransactionAsync(
            "RequestAccess", [HealthRecordsJson.Serialize(new ReadRecordRequest(added.Record.RecordId, "treatment"))]).WithTimeout();

        var before = await server.ServeAsync(
            await clinic.CreateAccessQueryAsync(HealthRecordsJson.Deserialize<AccessGrantResponse>(evaluated.Span).Access, signer).WithTimeout(),
            Alice, added.Record.RecordId, "treatment").WithTimeout();
        var granted = await clinic.RequestAccessAsync(new ReadRecordRequest(added.Record.RecordId, "treatment")).WithTimeout();
        await fixture.SettleAsync();
        var after = await server.ServeAsync(
            await clinic.CreateAccessQueryAsync(granted.Access, signer).WithTimeout(), Alice, added.Record.RecordId, "treatment").WithTimeout();

        Assert.Null(before.Content);
        Assert.Equal("no-committed-access", before.Decision.Reason);
        Assert.Equal(await store.ReadAllBytesAsync(blob.Uri).WithTimeout(), after.Content);
        Assert.Equal(granted.Access.AccessId, after.Decision.AccessId);
    }
}
