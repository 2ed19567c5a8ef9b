using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthRecords.Client.Proofs;
using HealthRecords.Client.Tests.Support;
using HealthRecords.Domain.Contracts;
using TestSupport;

namespace HealthRecords.Client.Tests.Proofs;

/// <summary>Responses from a real domain run, altered on the way to the client: each alteration must be caught.</summary>
public sealed class ProofTamperingTests
{
    [Fact]
    public async Task GetRecordAsync_Untampered_VerifiesProofFromDomain()
    {
        using var s = new ClientScenario();
        var (first, _) = await s.SeedAsync(records: 5);

        var response = await s.As(People.Alice).GetRecordAsync(new GetRecordRequest(first.RecordId)).WithTimeout();

        Assert.Equal(first, response.Record);
        Assert.Equal(6, response.Proof.TreeSize);
        Assert.Equal(0, response.Proof.LeafIndex);
    }

    [Theory]
    [InlineData("record.location")]
    [InlineData("record.contentHash")]
    [InlineData("record.category")]
    [InlineData("proof.rootHash")]
    [InlineData("proof.auditPath.0")]
    [InlineData("proof.leafIndex")]
    [InlineData("proof.leaf")]
    public async Task GetRecordAsync_TamperedField_ThrowsProofVerification(string field)
    {
        using var s = new ClientScenario();
        var (first, _) = await s.SeedAsync(records: 5);
        s.Contract.Tamper = (function, json) => function == "GetRecord" ? Alter(json, field) : json;

        await Assert.ThrowsAnyAsync<ProofVerificationException>(() =>
            s.As(People.Alice).GetRecordAsync(new GetRecordRequest(first.RecordId)).WithTimeout());
    }

    [Theory]
    [InlineData("consent.purpose")]
    [InlineData("consent.validUntil")]
    [InlineData("proof.auditPath.0")]
    [InlineData("proof.rootHash")]
    public async Task GetConsentAsync_TamperedField_ThrowsProofVerification(string field)
    {
        using var s = new ClientScenario();
        var (_, consent) = await s.SeedAsync(records: 3);
        s.Contract.Tamper = (function, json) => function == "GetConsent" ? Alter(json, field) : json;

        await Assert.ThrowsAnyAsync<ProofVerificationException>(() =>
            s.As(People.Alice).GetConsentAsync(new ConsentRequest(People.Patient, consent.ConsentId)).WithTimeout());
    }

    [Theory]
    [InlineData("records.0.record.location")]
    [InlineData("records.0.proof.leafIndex")]
    public async Task ReadRecordAsync_TamperedField_ThrowsProofVerification(string field)
    {
        using var s = new ClientScenario();
        var (first, _) = await s.SeedAsync(records: 3);
        s.Contract.Tamper = (function, json) => function == "ReadAccessedRecords" ? Alter(json, field) : json;

        await Assert.ThrowsAnyAsync<ProofVerificationException>(() =>
            s.As(People.DrWho).ReadRecordAsync(new ReadRecordRequest(first.RecordId, "treatment")).WithTimeout());
    }

    [Fact]
    public async Task GetRecordAsync_ProofOfAnotherRecord_ThrowsProofVerification()
    {
        using var s = new ClientScenario();
        var (first, _) = await s.SeedAsync(records: 3);
        var other = (await s.As(People.DrHouse).AddRecordAsync(People.Record()).WithTimeout()).Record;
        var otherResponse = HealthRecords.Domain.HealthRecordsJson.Serialize(
            await s.As(People.Alice).GetRecordAsync(new GetRecordRequest(other.RecordId)).WithTimeout());
        s.Contract.Tamper = (function, json) =>
        {
            // A valid proof, but for another leaf: swap in the other record's proof.
            var node = JsonNode.Parse(json)!;
            node["proof"] = JsonNode.Parse(otherResponse)!["proof"]!.DeepClone();
            return Encoding.UTF8.GetBytes(node.ToJsonString());
        };

        var e = await Assert.ThrowsAnyAsync<ProofVerificationException>(() =>
            s.Client.GetRecordAsync(new GetRecordRequest(first.RecordId)).WithTimeout());
        Assert.Contains("leaf", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHistoryEntryAsync_TamperedLeaf_ThrowsProofVerification()
    {
        using var s = new ClientScenario();
        await s.SeedAsync(records: 4);
        s.Contract.Tamper = (function, json) => function == "GetHistoryEntry" ? Alter(json, "leaf") : json;

        await Assert.ThrowsAnyAsync<ProofVerificationException>(() =>
            s.As(People.Alice).GetHistoryEntryAsync(new HistoryEntryRequest(People.Patient, 2)).WithTimeout());
    }

    [Fact]
    public async Task GetHistoryConsistencyAsync_TamperedNode_ThrowsProofVerification()
    {
        using var s = new ClientScenario();
        await s.SeedAsync(records: 6);
        s.Contract.Tamper = (function, json) => function == "GetHistoryConsistency" ? Alter(json, "proof.0") : json;

        await Assert.ThrowsAnyAsync<ProofVerificationException>(() =>
            s.As(People.Alice).GetHistoryConsistencyAsync(new HistoryConsistencyRequest(People.Patient, 3, 7)).WithTimeout());
    }

    /// <summary>Changes one member (dotted path; numbers index arrays) so that it stays well-formed but differs.</summary>
    internal static byte[] Alter(byte[] json, string path)
    {
        var root = JsonNode.Parse(json)!;
        var parts = path.Split('.');
        JsonNode parent = root;
        foreach (var part in parts[..^1])
        {
            parent = int.TryParse(part, out var i) ? parent[i]! : parent[part]!;
        }

        var last = parts[^1];
        var current = int.TryParse(last, out var index) ? parent[index] : parent[last];
        JsonNode replacement = current switch
        {
            null => JsonValue.Create("2030-01-01T00:00:00.000Z")!,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonValue.Create(v.GetValue<long>() + 1)!,
            JsonValue v when last == "leaf" => JsonValue.Create(Convert.ToBase64String(Flip(Convert.FromBase64String(v.GetValue<string>()))))!,
            JsonValue v => JsonValue.Create(FlipText(v.GetValue<string>()))!,
            _ => throw new ArgumentException($"Cannot alter {path}."),
        };
        if (int.TryParse(last, out index))
        {
            parent[index] = replacement;
        }
        else
        {
            parent[last] = replacement;
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static byte[] Flip(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        var i = Array.IndexOf(copy, (byte)'"', 10) + 1; // inside a JSON string, so the leaf stays parseable text
        copy[i] = (byte)(copy[i] == (byte)'a' ? 'b' : 'a');
        return copy;
    }

    private static string FlipText(string text)
    {
        var c = text[^1];
        var replacement = char.IsAsciiHexDigitLower(c) ? (c == '0' ? '1' : '0') : (c == 'x' ? 'y' : 'x');
        return text[..^1] + replacement;
    }
}
