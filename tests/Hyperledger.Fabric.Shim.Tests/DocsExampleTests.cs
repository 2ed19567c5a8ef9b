using System.Text.Json;
using Hyperledger.Fabric.Shim.Contracts;
using Hyperledger.Fabric.Shim.Testing;
using Hyperledger.Fabric.Shim.Tests.Infrastructure;

namespace Hyperledger.Fabric.Shim.Tests;

/// <summary>The example chaincode of docs/shim.md, so the documentation cannot drift from the API.</summary>
public sealed class DocsExampleTests
{
    [Fact]
    public async Task Example_CreateThenReadThenDuplicate_BehavesAsDocumented()
    {
        using var alice = TestIdentity.Create("Org1MSP", "alice");
        var tester = new ChaincodeTester(new ContractRouter(new ExampleAssetContract()));
        var asAlice = new InMemoryTransactionOptions { Creator = alice.Identity };

        var created = await tester.SubmitAsync(asAlice, "Create", "a1", "100");
        var read = await tester.EvaluateAsync("assets:Read", "a1");
        var duplicate = await tester.SubmitAsync(asAlice, "Create", "a1", "5");

        Assert.True(created.IsSuccess, created.Message);
        Assert.Equal("Created", created.Event!.EventName);
        Assert.NotNull(tester.Ledger.GetState("a1"));
        Assert.Equal(new ExampleAsset("a1", alice.Identity.Id, 100), JsonSerializer.Deserialize<ExampleAsset>(read.PayloadAsString, JsonSerializerOptions.Web));
        Assert.Equal((500, "asset a1 already exists"), (duplicate.Status, duplicate.Message));
        Assert.Single(tester.Ledger.Events);
    }

    public sealed record ExampleAsset(string Id, string Owner, int Value);

    [Contract(Name = "assets", Title = "Asset transfer", Version = "1.0.0")]
    public sealed class ExampleAssetContract : Contract
    {
        [Transaction]
        public async Task<ExampleAsset> Create(ContractContext ctx, string id, int value)
        {
            if (await ctx.Stub.GetStateAsync(id) is not null)
            {
                throw new ChaincodeException($"asset {id} already exists");
            }

            var asset = new ExampleAsset(id, ctx.ClientIdentity.Id, value);
            await ctx.Stub.PutStateAsync(id, JsonSerializer.SerializeToUtf8Bytes(asset));
            ctx.Stub.SetEvent("Created", JsonSerializer.SerializeToUtf8Bytes(asset));
            return asset;
        }

        [Transaction(TransactionType.Evaluate)]
        public async Task<ExampleAsset> Read(ContractContext ctx, string id) =>
            JsonSerializer.Deserialize<ExampleAsset>(await ctx.Stub.GetStateAsync(id)
                ?? throw new ChaincodeException($"asset {id} does not exist"))!;
    }
}
