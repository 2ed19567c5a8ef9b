using System.Security.Cryptography;
using System.Text;
using HealthRecords.Cli.Tests.Infrastructure;

namespace HealthRecords.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class RecordCommandTests(CliNetworkFixture network)
{
    [Fact]
    public async Task Add_ProviderWithFile_StoresContentAndAddsPointerWithItsHash()
    {
        var content = """{"resourceType":"Observation","status":"final","code":{"text":"potassium"}}""";
        var file = network.WriteFile("potassium.json", content);

        var result = await network.RunAsync("--json", "record", "add", file, "-i", "hospital-doctor", "--patient", "pt-alice", "--category", "laboratory", "--type", "Observation");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var record = result.Json().GetProperty("record");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
        Assert.Equal(hash, record.GetProperty("contentHash").GetString());
        Assert.Equal($"cas://sha256/{hash}", record.GetProperty("location").GetString());
        Assert.Equal("application/fhir+json", record.GetProperty("mediaType").GetString());
        Assert.Equal("Org1MSP", record.GetProperty("custodian").GetString());
        Assert.Equal(content, File.ReadAllText(Path.Combine(network.StorePath, hash)));
    }

    [Fact]
    public async Task Add_GivenLocation_RecordsUriWithoutStoring()
    {
        var file = network.WriteFile("scan.txt", "imaging report kept by the hospital PACS");

        var result = await network.RunAsync("--json", "record", "add", file, "-i", "hospital-doctor", "--patient", "pt-alice", "-c", "imaging", "-t", "ImagingStudy", "--location", "https://pacs.hospital.example/studies/42");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("https://pacs.hospital.example/studies/42", result.Json().GetProperty("record").GetProperty("location").GetString());
    }

    [Fact]
    public async Task Get_PatientUnloggedWithVerify_ChecksProofAndContent()
    {
        var recordId = await AddLabAsync("sodium 140 mmol/L");

        var result = await network.RunAsync("--json", "record", "get", recordId, "-i", "alice", "--unlogged", "--verify");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var json = result.Json();
        Assert.True(json.GetProperty("proof").GetProperty("verified").GetBoolean());
        Assert.True(json.GetProperty("content").GetProperty("verified").GetBoolean());
        Assert.Equal("sodium 140 mmol/L", json.GetProperty("content").GetProperty("text").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("access").ValueKind);
    }

    [Fact]
    public async Task Get_CustodianLoggedRead_WritesContentToFileAndLogsAccess()
    {
        var recordId = await AddLabAsync("chloride 101 mmol/L");
        var target = Path.Combine(network.WorkDirectory, "chloride-copy.txt");

        var result = await network.RunAsync("--json", "record", "get", recordId, "-i", "hospital-doctor", "--out", target);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("chloride 101 mmol/L", File.ReadAllText(target));
        Assert.Equal("custodian", result.Json().GetProperty("access").GetProperty("basis").GetString());
    }

    [Fact]
    public async Task Get_TamperedContent_ExitsVerificationFailed()
    {
        var recordId = await AddLabAsync("calcium 2.4 mmol/L (to be tampered with)");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("calcium 2.4 mmol/L (to be tampered with)")));
        File.WriteAllText(Path.Combine(network.StorePath, hash), "calcium 9.9 mmol/L (to be tampered with)");

        var result = await network.RunAsync("--json", "record", "get", recordId, "-i", "alice", "--unlogged", "--verify");

        Assert.Equal(ExitCodes.VerificationFailed, result.ExitCode);
        Assert.Equal("CONTENT_MISMATCH", result.ErrorJson().GetProperty("code").GetString());
    }

    [Fact]
    public async Task Get_ClinicWithoutConsent_ExitsDenied()
    {
        var recordId = await AddLabAsync("procedure note", category: "procedure", type: "Procedure");

        var result = await network.RunAsync("--json", "record", "get", recordId, "-i", "clinic-doctor");

        Assert.Equal(ExitCodes.Denied, result.ExitCode);
        var error = result.ErrorJson();
        Assert.Equal("FORBIDDEN", error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Get_UnknownRecord_ExitsNotFound()
    {
        var result = await network.RunAsync("record", "get", "rec-" + new string('a', 40), "-i", "alice", "--unlogged");

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
    }

    [Fact]
    public async Task Add_DeviceWithoutAppendConsent_ExitsDenied()
    {
        var file = network.WriteFile("glucose-reading.json", """{"resourceType":"Observation","valueQuantity":{"value":5.1}}""");

        var result = await network.RunAsync("--json", "record", "add", file, "-i", "alice-watch", "-c", "device-reading", "-t", "Observation", "--sign");

        Assert.Equal(ExitCodes.Denied, result.ExitCode);
        Assert.Equal("FORBIDDEN", result.ErrorJson().GetProperty("code").GetString());
    }

    [Fact]
    public async Task Add_DeviceSignedWithConsent_PatientVerifiesSignature()
    {
        var grant = await network.RunAsync("--json", "consent", "grant", "-i", "alice", "--to-identity", "alice-watch", "--action", "append", "-c", "vital-signs", "--days", "1");
        Assert.Equal(ExitCodes.Success, grant.ExitCode);
        var file = network.WriteFile("pulse.json", """{"resourceType":"Observation","valueQuantity":{"value":71}}""");
        var added = await network.RunAsync("--json", "record", "add", file, "-i", "alice-watch", "-c", "vital-signs", "-t", "Observation", "--sign");
        Assert.Equal(ExitCodes.Success, added.ExitCode);
        Assert.Equal("application/pkcs7-mime", added.Json().GetProperty("record").GetProperty("mediaType").GetString());

        var result = await network.RunAsync("--json", "record", "get", added.Json().GetProperty("record").GetProperty("recordId").GetString()!, "-i", "alice", "--unlogged", "--check-signature");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var content = result.Json().GetProperty("content");
        Assert.Contains("alice-watch", content.GetProperty("signer").GetString(), StringComparison.Ordinal);
        Assert.Equal("""{"resourceType":"Observation","valueQuantity":{"value":71}}""", content.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Add_EncryptedForPatient_StoresCiphertextThatOnlyRecipientsDecrypt()
    {
        var file = network.WriteFile("discharge.txt", "discharge summary: rest for a week");
        var added = await network.RunAsync("--json", "record", "add", file, "-i", "hospital-doctor", "--patient", "pt-alice", "-c", "clinical-note", "-t", "DocumentReference", "--encrypt-for", "alice", "--encrypt-for", "hospital-doctor");
        Assert.Equal(ExitCodes.Success, added.ExitCode);
        var record = added.Json().GetProperty("record");
        var stored = File.ReadAllBytes(Path.Combine(network.StorePath, record.GetProperty("contentHash").GetString()!));
        Assert.DoesNotContain("discharge summary", Encoding.UTF8.GetString(stored), StringComparison.Ordinal);
        Assert.Equal("application/pkcs7-mime", record.GetProperty("mediaType").GetString());
        var recordId = record.GetProperty("recordId").GetString()!;

        var grant = await network.RunAsync("consent", "grant", "-i", "alice", "--to-identity", "clinic-doctor", "-c", "clinical-note", "--days", "1");
        Assert.Equal(ExitCodes.Success, grant.ExitCode);

        var result = await network.RunAsync("--json", "record", "get", recordId, "-i", "alice", "--unlogged", "--decrypt");
        var notRecipient = await network.RunAsync("--json", "record", "get", recordId, "-i", "clinic-doctor", "--decrypt");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("discharge summary: rest for a week", result.Json().GetProperty("content").GetProperty("text").GetString());
        Assert.Equal(ExitCodes.VerificationFailed, notRecipient.ExitCode);
        Assert.Equal("CRYPTO_FAILED", notRecipient.ErrorJson().GetProperty("code").GetString());
    }

    [Fact]
    public async Task Add_MissingFile_ExitsNotFound()
    {
        var result = await network.RunAsync("record", "add", Path.Combine(network.WorkDirectory, "missing.json"), "-i", "hospital-doctor", "--patient", "pt-alice", "-c", "laboratory", "-t", "Observation");

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
    }

    [Fact]
    public async Task Add_WithoutCategory_ExitsUsage()
    {
        var file = network.WriteFile("no-category.json", "{}");

        var result = await network.RunAsync("record", "add", file, "-i", "hospital-doctor", "--patient", "pt-alice", "-t", "Observation");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--category", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_UnknownCategory_ExitsUsage()
    {
        var file = network.WriteFile("bad-category.json", "{}");

        var result = await network.RunAsync("--json", "record", "add", file, "-i", "hospital-doctor", "--patient", "pt-alice", "-c", "astrology", "-t", "Observation");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("INVALID_ARGUMENT", result.ErrorJson().GetProperty("code").GetString());
    }

    [Fact]
    public async Task List_Patient_IncludesAddedRecordSummary()
    {
        var recordId = await AddLabAsync("magnesium 0.9 mmol/L");

        var result = await network.RunAsync("--json", "record", "list", "-i", "alice", "-c", "laboratory", "--page-size", "200");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var ids = result.Json().GetProperty("records").EnumerateArray().Select(r => r.GetProperty("recordId").GetString()).ToList();
        Assert.Contains(recordId, ids);
    }

    [Fact]
    public async Task List_PageSizeOne_ReturnsBookmarkForTheNextPage()
    {
        await AddLabAsync("page one");
        await AddLabAsync("page two");

        var first = await network.RunAsync("--json", "record", "list", "-i", "alice", "-c", "laboratory", "--page-size", "1");
        var bookmark = first.Json().GetProperty("bookmark").GetString()!;
        var second = await network.RunAsync("--json", "record", "list", "-i", "alice", "-c", "laboratory", "--page-size", "1", "--bookmark", bookmark);

        Assert.Equal(ExitCodes.Success, second.ExitCode);
        Assert.NotEmpty(bookmark);
        var firstId = Assert.Single(first.Json().GetProperty("records").EnumerateArray()).GetProperty("recordId").GetString();
        var secondId = Assert.Single(second.Json().GetProperty("records").EnumerateArray()).GetProperty("recordId").GetString();
        Assert.NotEqual(firstId, secondId);
    }

    [Fact]
    public async Task List_ClinicWithoutCategory_ExitsDenied()
    {
        var result = await network.RunAsync("record", "list", "-i", "clinic-doctor", "--patient", "pt-alice");

        Assert.Equal(ExitCodes.Denied, result.ExitCode);
        Assert.Contains("must list one category", result.Error, StringComparison.Ordinal);
    }

    private async Task<string> AddLabAsync(string text, string category = "laboratory", string type = "Observation")
    {
        var file = network.WriteFile($"{Guid.NewGuid():N}.txt", text);
        var result = await network.RunAsync("--json", "record", "add", file, "-i", "hospital-doctor", "--patient", "pt-alice", "-c", category, "-t", type);
        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        return result.Json().GetProperty("record").GetProperty("recordId").GetString()!;
    }
}
