using System.Text;
using System.Text.Json;
using HealthRecords.Client.Proofs;
using HealthRecords.Domain;
using HealthRecords.Domain.Contracts;
using TestSupport;

namespace HealthRecords.Client.Tests.Network;

/// <summary>
/// Leaves that commit without revealing (issue 12, item 3), through the chaincode on the dev network: an
/// auditor verifies a patient's whole log from the bytes it receives and learns no location or content hash;
/// a reader entitled to a pointer checks it against its leaf with the salt that comes with it.
/// </summary>
[Collection(HealthRecordsNetworkCollection.Name)]
public sealed class DevNetworkAuditTests(HealthRecordsNetworkFixture fixture)
{
    private const string Alice = HealthRecordsNetworkFixture.Alice;

    [Fact]
    public async Task AuditorVerifyingTheLog_ReceivesNoLocationOrContentHash()
    {
        var seed = await fixture.SeedAsync().WithTimeout();
        using var auditor = fixture.Client("auditor");
        var received = new List<byte[]>();

        var rootBytes = await auditor.Contract.EvaluateTransactionAsync(
            "GetHistoryRoot", [HealthRecordsJson.Serialize(new HistoryRequest(Alice))]).WithTimeout();
        received.Add(rootBytes.ToArray());
        var root = HealthRecordsJson.Deserialize<HistoryRootResponse>(rootBytes.Span);
        var types = new List<string>();
        for (var i = 0L; i < root.TreeSize; i++)
        {
            var bytes = await auditor.Contract.EvaluateTransactionAsync(
                "GetHistoryEntry", [HealthRecordsJson.Serialize(new HistoryEntryRequest(Alice, i, root.TreeSize))]).WithTimeout();
            received.Add(bytes.ToArray());
            var proof = HealthRecordsJson.Deserialize<HistoryProof>(bytes.Span);
            Assert.Equal(root.RootHash, proof.RootHash);
            var leaf = HistoryProofs.VerifyInclusion(proof); // the auditor verifies every leaf into the root
            received.Add(leaf);
            using var json = JsonDocument.Parse(leaf);
            types.Add(json.RootElement.GetProperty("type").GetString()!);
        }

        Assert.Contains(HistoryLeafTypes.RecordAdded, types); // the log does hold the records' leaves
        var everything = string.Join('\n', received.Select(Encoding.UTF8.GetString));
        foreach (var record in seed.Records)
        {
            Assert.DoesNotContain(record.Location, everything, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(record.ContentHash, everything, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToBase64String(Convert.FromHexString(record.ContentHash)), everything, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ReadRecordAsync_EntitledReader_ChecksThePointerAgainstItsCommittingLeaf()
    {
        var seed = await fixture.SeedAsync().WithTimeout();
        using var clinic = fixture.Client("clinic-doctor");

        var read = await clinic.ReadRecordAsync(new ReadRecordRequest(seed.Records[1].RecordId, "treatment")).WithTimeout();
        var leaf = HistoryProofs.VerifyRecord(read.Record, read.Salt, read.Proof);

        Assert.Equal(2, leaf.Version);
        Assert.Equal(seed.Records[1], read.Record);
        var tampered = Assert.Throws<ProofVerificationException>(() =>
            HistoryProofs.VerifyRecord(read.Record with { Location = "https://elsewhere.example.com/x" }, read.Salt, read.Proof));
        Assert.Contains("does not describe", tampered.Message, StringComparison.Ordinal);
        Assert.Throws<ProofVerificationException>(() => HistoryProofs.VerifyRecord(read.Record, null, read.Proof));
    }
}
