using System.Security.Cryptography;
using System.Text;
using HealthRecords.Client.OffChain;
using HealthRecords.Domain.Contracts;
using TestSupport;

namespace HealthRecords.Client.Tests.Network;

/// <summary>The off-chain helpers with the ledger: what the sample app does, as a test.</summary>
[Collection(HealthRecordsNetworkCollection.Name)]
public sealed class DevNetworkOffChainTests(HealthRecordsNetworkFixture fixture)
{
    private const string Alice = HealthRecordsNetworkFixture.Alice;

    [Fact]
    public async Task EncryptedDocument_ClinicWithConsent_ReadsPointerChecksHashAndDecrypts()
    {
        await fixture.SeedAsync();
        using var folder = new TemporaryDirectory();
        var store = new ContentAddressedStore(folder.Path);
        var document = Encoding.UTF8.GetBytes("{\"resourceType\":\"Observation\",\"code\":{\"text\":\"LDL\"},\"valueQuantity\":{\"value\":2.9}}");
        var clinicCertificate = fixture.Profile.LoadIdentity("clinic-doctor").Certificate;
        var envelope = CmsEnvelope.Encrypt(document, [fixture.Profile.LoadIdentity("alice").Certificate, clinicCertificate]);
        var blob = await store.PutAsync(envelope).WithTimeout();
        using var hospital = fixture.Client("hospital-doctor");
        var added = await hospital.AddRecordAsync(new AddRecordRequest(Alice, "Observation", "laboratory", blob.Uri, blob.Hash, blob.Size, "application/pkcs7-mime")).WithTimeout();
        await fixture.SettleAsync(); // committed at the hospital's peer; the clinic's endorses the read next

        using var clinic = fixture.Client("clinic-doctor");
        var read = await clinic.ReadRecordAsync(new ReadRecordRequest(added.Record.RecordId, "treatment")).WithTimeout();
        var served = await store.ReadAllBytesAsync(read.Record.Location).WithTimeout();
        using var clinicKey = ECDsa.Create();
        clinicKey.ImportFromPem(await File.ReadAllTextAsync(fixture.Profile.Identities["clinic-doctor"].KeyPath!));

        Assert.True(ContentHash.Matches(served, read.Record.ContentHash));
        Assert.Equal(blob.Size, read.Record.Size);
        Assert.Equal(document, CmsEnvelope.Decrypt(served, clinicCertificate, clinicKey));
    }

    [Fact]
    public void Connect_UnknownIdentity_ThrowsKeyNotFound()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => fixture.Client("nobody"));

        Assert.Contains("nobody", e.Message, StringComparison.Ordinal);
    }
}
