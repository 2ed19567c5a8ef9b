using System.Text.Json;
using Hyperledger.Fabric.Shim.Contracts;
using TestSupport;

namespace Hyperledger.Fabric.Shim.Tests.Infrastructure;

/// <summary>An asset.</summary>
public sealed record Asset(string Id, string Color, int Size);

/// <summary>A small contract used by the routing and error tests.</summary>
public sealed class AssetContract : Contract
{
    public List<string> Calls { get; } = [];

    public TaskCompletionSource<Exception> LateWrite { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set by the test once the peer has the COMPLETED message, so the late write is late by construction.</summary>
    public TaskCompletionSource ReleaseLateWrite { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Transaction]
    public async Task<Asset> CreateAsset(ContractContext ctx, string id, string color, int size)
    {
        if (size <= 0)
        {
            throw new ChaincodeException("size must be positive");
        }

        var asset = new Asset(id, color, size);
        await ctx.Stub.PutStateAsync(id, JsonSerializer.SerializeToUtf8Bytes(asset, JsonSerializerOptions.Web));
        return asset;
    }

    [Transaction]
    public async Task CreateFromJson(ContractContext ctx, Asset asset) =>
        await ctx.Stub.PutStateAsync(asset.Id, JsonSerializer.SerializeToUtf8Bytes(asset, JsonSerializerOptions.Web));

    [Transaction(TransactionType.Evaluate)]
    public async Task<Asset?> ReadAsset(ContractContext ctx, string id)
    {
        var bytes = await ctx.Stub.GetStateAsync(id);
        return bytes is null ? throw new ChaincodeException($"asset {id} does not exist") : JsonSerializer.Deserialize<Asset>(bytes, JsonSerializerOptions.Web);
    }

    [Transaction]
    public async Task Explode(ContractContext ctx, string id)
    {
        await ctx.Stub.PutStateAsync(id, "x"u8.ToArray());
        throw new InvalidOperationException($"boom after writing {id}");
    }

    [Transaction]
    public Task FailThenWriteLater(ContractContext ctx, string id)
    {
        var stub = ctx.Stub;
        _ = Task.Run(async () =>
        {
            try
            {
                await ReleaseLateWrite.Task.WaitAsync(TestTimeouts.Short);
                await stub.PutStateAsync(id, "late"u8.ToArray());
                LateWrite.TrySetResult(new InvalidOperationException("the late write was accepted"));
            }
            catch (Exception e)
            {
                LateWrite.TrySetResult(e);
            }
        });
        throw new ChaincodeException("failed on purpose");
    }
}
