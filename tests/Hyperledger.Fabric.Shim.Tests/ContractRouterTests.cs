using System.Text;
using System.Text.Json;
using Hyperledger.Fabric.Shim.Contracts;
using Hyperledger.Fabric.Shim.Testing;
using Hyperledger.Fabric.Shim.Tests.Infrastructure;

namespace Hyperledger.Fabric.Shim.Tests;

public sealed class ContractRouterTests
{
    private readonly AssetContract _assets = new();
    private readonly HookedContract _hooked = new();

    private ChaincodeTester Tester() => new(new ContractRouter(_assets, _hooked));

    [Fact]
    public async Task Submit_DefaultContract_MarshalsArgumentsAndJsonResult()
    {
        var tester = Tester();

        var result = await tester.SubmitAsync("CreateAsset", "a1", "blue", "5");

        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal("{\"id\":\"a1\",\"color\":\"blue\",\"size\":5}", result.PayloadAsString);
        Assert.Equal("{\"id\":\"a1\",\"color\":\"blue\",\"size\":5}", tester.Ledger.GetStateAsString("a1"));
    }

    [Fact]
    public async Task Submit_JsonObjectArgument_IsDeserialized()
    {
        var tester = Tester();

        await tester.SubmitAsync("CreateFromJson", "{\"id\":\"j1\",\"color\":\"red\",\"size\":2}");
        var read = await tester.EvaluateAsync("ReadAsset", "j1");

        Assert.Equal("{\"id\":\"j1\",\"color\":\"red\",\"size\":2}", read.PayloadAsString);
        Assert.False(read.Committed);
    }

    [Fact]
    public async Task Submit_NamedContractPrefix_RoutesToThatContractAndRunsHooksInOrder()
    {
        var tester = Tester();

        var result = await tester.SubmitAsync("Hooked:Greet", "world");

        Assert.Equal("hello world", result.PayloadAsString);
        Assert.Equal(["before:Greet", "Greet", "after:Greet:hello world"], _hooked.Calls);
    }

    [Fact]
    public async Task Submit_UnknownFunctionOnContractWithHook_CallsUnknownHook()
    {
        var result = await Tester().SubmitAsync("Hooked:Missing");

        Assert.True(result.IsSuccess);
        Assert.Equal(["unknown:Missing"], _hooked.Calls);
    }

    [Fact]
    public async Task Submit_BeforeHookThrows_FunctionDoesNotRun()
    {
        var result = await Tester().SubmitAsync("Hooked:Greet", "forbidden");

        Assert.Equal(500, result.Status);
        Assert.Equal("forbidden by hook", result.Message);
        Assert.DoesNotContain("Greet", _hooked.Calls);
    }

    [Fact]
    public async Task Submit_ExceptionAfterWrite_ReturnsErrorAndCommitsNothing()
    {
        var tester = Tester();

        var result = await tester.SubmitAsync("Explode", "a1");

        Assert.Equal(500, result.Status);
        Assert.Equal("boom after writing a1", result.Message);
        Assert.False(result.Committed);
        Assert.Null(tester.Ledger.GetState("a1"));
    }

    [Fact]
    public async Task Submit_ChaincodeExceptionWithStatusAndPayload_IsReturnedAsIs()
    {
        var result = await Tester().SubmitAsync("Hooked:Reject");

        Assert.Equal(404, result.Status);
        Assert.Equal("not here", result.Message);
        Assert.Equal("detail", result.PayloadAsString);
    }

    [Fact]
    public async Task Submit_NullableAndArrayParameters_AreBound()
    {
        var result = await Tester().SubmitAsync("Hooked:Sum", "[1,2,3]", "null", "x");

        Assert.Equal("6", result.PayloadAsString);
    }

    [Fact]
    public async Task Init_NoArguments_Succeeds()
    {
        var router = new ContractRouter(_assets);
        var tester = new ChaincodeTester(router);

        var result = await tester.RunAsync([], null, commit: true, init: true);

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public async Task GetMetadata_SystemContract_DescribesContractsTransactionsAndSchemas()
    {
        var result = await Tester().EvaluateAsync("org.hyperledger.fabric:GetMetadata");

        using var metadata = JsonDocument.Parse(result.PayloadAsString);
        var root = metadata.RootElement;
        var contracts = root.GetProperty("contracts");
        var create = contracts.GetProperty("AssetContract").GetProperty("transactions").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "CreateAsset");
        var read = contracts.GetProperty("AssetContract").GetProperty("transactions").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "ReadAsset");
        Assert.Equal("chaincode", root.GetProperty("info").GetProperty("title").GetString());
        Assert.True(contracts.GetProperty("AssetContract").GetProperty("contractInstance").GetProperty("default").GetBoolean());
        Assert.Equal(["SUBMIT", "submitTx"], create.GetProperty("tag").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["EVALUATE", "evaluateTx"], read.GetProperty("tag").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["id", "color", "size"], create.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal("integer", create.GetProperty("parameters")[2].GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal("#/components/schemas/Asset", create.GetProperty("returns").GetProperty("$ref").GetString());
        var asset = root.GetProperty("components").GetProperty("schemas").GetProperty("Asset");
        Assert.Equal(["id", "color", "size"], asset.GetProperty("required").EnumerateArray().Select(p => p.GetString()));
        Assert.True(contracts.TryGetProperty("org.hyperledger.fabric", out _));
    }

    [Fact]
    public void Constructor_TransactionWithoutContext_ThrowsClearError()
    {
        var error = Assert.Throws<ArgumentException>(() => new ContractRouter(new BrokenContract()));

        Assert.Contains("must take a ContractContext", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicateContractNames_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ContractRouter(new AssetContract(), new AssetContract()));
    }

    [Contract(Name = "Hooked", Title = "Hooks", Version = "2.0.0")]
    private sealed class HookedContract : Contract
    {
        public List<string> Calls { get; } = [];

        public override Task BeforeTransactionAsync(ContractContext context)
        {
            Calls.Add("before:" + context.FunctionName);
            return context.Stub.StringArgs.Contains("forbidden") ? throw new ChaincodeException("forbidden by hook") : Task.CompletedTask;
        }

        public override Task AfterTransactionAsync(ContractContext context, object? result)
        {
            Calls.Add($"after:{context.FunctionName}:{result}");
            return Task.CompletedTask;
        }

        public override Task UnknownTransactionAsync(ContractContext context)
        {
            Calls.Add("unknown:" + context.FunctionName);
            return Task.CompletedTask;
        }

        [Transaction(TransactionType.Evaluate)]
        public string Greet(ContractContext ctx, string name)
        {
            Calls.Add("Greet");
            return "hello " + name;
        }

        [Transaction]
        public void Reject(ContractContext ctx) => throw new ChaincodeException("not here", Encoding.UTF8.GetBytes("detail"), 404);

        [Transaction(TransactionType.Evaluate)]
        public ValueTask<int> SumAsync(ContractContext ctx, int[] values, int? bonus, string raw) => ValueTask.FromResult(values.Sum() + (bonus ?? 0) + (raw == "x" ? 0 : 100));
    }

    private sealed class BrokenContract : Contract
    {
        [Transaction]
        public string NoContext(string value) => value;
    }
}
