using System.Text;
using HealthRecords.Chaincode.Tests.Infrastructure;
using HealthRecords.Domain;
using TestSupport;

namespace HealthRecords.Chaincode.Tests;

/// <summary>
/// docs/chaincode.md and the contract metadata say what the function table says: the generated
/// section of the docs is exactly <see cref="RenderMarkdown"/>, the JSON-shape table lists the same
/// functions in the same order, and every transaction's metadata description is its row's.
/// </summary>
public sealed class FunctionTableDocsTests
{
    private const string Begin = "<!-- function-table:begin (generated from HealthRecordsFunctionTable; FunctionTableDocsTests checks it) -->\n";
    private const string End = "<!-- function-table:end -->";

    private static readonly IReadOnlyList<HealthRecordsFunction> Functions = new HealthRecordsDispatcher().Functions;

    [Fact]
    public void Docs_ChaincodeMd_ShowsTheFunctionTable()
    {
        var docs = ReadDocs();
        var start = docs.IndexOf(Begin, StringComparison.Ordinal);
        var end = docs.IndexOf(End, StringComparison.Ordinal);

        Assert.True(start >= 0 && end > start, "docs/chaincode.md has no function-table section");
        Assert.Equal(RenderMarkdown(), docs[(start + Begin.Length)..end]);
    }

    [Fact]
    public void Docs_ChaincodeMdJsonShapes_ListEveryFunctionInTableOrder()
    {
        var docs = ReadDocs();
        var header = docs.IndexOf("| function | request JSON | response JSON |", StringComparison.Ordinal);
        Assert.True(header >= 0, "docs/chaincode.md has no JSON-shape table");

        var names = docs[header..].Split('\n').Skip(2).TakeWhile(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Split('`')[1]);

        Assert.Equal(Functions.Select(f => f.Name), names);
    }

    [Fact]
    public async Task GetMetadata_EveryTransaction_HasItsRowsDescriptionAndContractNames()
    {
        var chaincode = new ChaincodeHarness();

        var outcome = await chaincode.RunAsync(ChaincodeHarness.Args("org.hyperledger.fabric:GetMetadata"), ChaincodeHarness.Options(null), commit: false);

        var descriptions = outcome.Json.GetProperty("contracts").GetProperty(HealthRecordsContract.ContractName).GetProperty("transactions").EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("description").GetString());
        Assert.All(Functions, f => Assert.Equal(
            $"{f.Description} Request: {f.RequestType.Name}. Response: {f.ResponseType.Name}.", descriptions[f.Name]));
    }

    /// <summary>The table as docs/chaincode.md shows it.</summary>
    internal static string RenderMarkdown()
    {
        var md = new StringBuilder("| function | kind | what it does | request | response |\n| --- | --- | --- | --- | --- |\n");
        foreach (var f in Functions)
        {
            md.Append($"| `{f.Name}` | {(f.IsSubmit ? "submit" : "evaluate")} | {f.Description} | `{f.RequestType.Name}` | `{f.ResponseType.Name}` |\n");
        }

        return md.ToString();
    }

    private static string ReadDocs() =>
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "chaincode.md")).ReplaceLineEndings("\n");
}
