using System.Security.Cryptography.X509Certificates;
using EndToEnd.Tests.Infrastructure;
using HealthRecords.Client.OffChain;
using HealthRecords.Domain.Contracts;
using TestSupport;
using static EndToEnd.Tests.Infrastructure.Scenario;

namespace EndToEnd.Tests;

/// <summary>alice's watch appends signed readings only while it holds her append consent.</summary>
[Collection(NetworkCollection.Name)]
public sealed class DeviceScenarioTests(NetworkFixture network) : IAsyncLifetime
{
    public Task InitializeAsync() => network.EnsureAliceRegisteredAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AddRecord_DeviceWithAppendConsent_SignedReadingsAcceptedUntilRevoked()
    {
        var (mspId, id) = network.ClientId(AliceWatch);

        // On a long-lived network an earlier run (the demo, an interrupted test) may have left the watch a consent.
        await network.RevokeActiveConsentsAsync(id);
        var consent = await network.GrantAsync(new Grantee("identity", id, mspId), "append", "vital-signs");
        var device = network.Profile.Identities[AliceWatch];
        using var certificate = X509Certificate2.CreateFromPemFile(device.CertificatePath, device.KeyPath);
        using var key = certificate.GetECDsaPrivateKey()!;
        var pointers = new List<RecordPointer>();
        for (var i = 0; i < 3; i++)
        {
            var signed = DevicePayloadSigner.Sign(System.Text.Encoding.UTF8.GetBytes($"{{\"heartRate\":{70 + i}}}"), certificate, key);
            var address = await network.Store.PutAsync(signed).WithTimeout();
            var added = await network.Client(AliceWatch).AddRecordAsync(
                new AddRecordRequest(AlicePatientId, "Observation", "vital-signs", address.Uri, address.Hash, address.Size, "application/pkcs7-mime")).WithTimeout();
            pointers.Add(added.Record);
        }

        // alice reads one back (unlogged), checks hash and the device's signature against the CAs.
        var got = await network.Client(Alice).GetRecordAsync(new GetRecordRequest(pointers[1].RecordId)).WithTimeout();
        var stored = await network.Store.ReadAllBytesAsync(got.Record.Location).WithTimeout();
        var verified = DevicePayloadSigner.Verify(stored, network.Profile.MspCaCertificates.Values.SelectMany(c => c));

        Assert.All(pointers, p => Assert.Equal("Org1MSP", p.Custodian));
        Assert.All(pointers, p => Assert.Equal("device", p.Author.Role));
        Assert.Equal(got.Record.ContentHash, ContentHash.Compute(stored));
        Assert.Equal("{\"heartRate\":71}", System.Text.Encoding.UTF8.GetString(verified.Content.Span));
        Assert.Contains("alice-watch", verified.Signer.Subject, StringComparison.Ordinal);

        await network.RevokeAsync(consent.ConsentId);
        var address2 = await network.Store.PutAsync(new byte[] { 1, 2, 3 }).WithTimeout();
        await AssertForbiddenAsync(() => network.Client(AliceWatch).AddRecordAsync(
            new AddRecordRequest(AlicePatientId, "Observation", "vital-signs", address2.Uri, address2.Hash, address2.Size, "application/octet-stream")));
    }

    [Fact]
    public async Task AddRecord_DeviceOutsideConsentedCategory_Refused()
    {
        var address = await network.Store.PutAsync(new byte[] { 4, 5, 6 }).WithTimeout();

        var refusal = await AssertForbiddenAsync(() => network.Client(AliceWatch).AddRecordAsync(
            new AddRecordRequest(AlicePatientId, "Observation", "medication", address.Uri, address.Hash, address.Size, "application/octet-stream")));

        Assert.StartsWith("Append denied (", refusal.ChaincodeMessage, StringComparison.Ordinal);
    }
}
