using System.Security.Cryptography;
using System.Text;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <content>
/// Block-to-live: collection <see cref="ShortLivedCollection"/> keeps data for <see cref="ShortLivedBlocks"/>
/// blocks after the one that wrote it; when the next block commits, Fabric's purge manager removes the value
/// and its hash from state and the pvtdata store drops the write set, while the blocks keep the hashes.
/// </content>
public sealed partial class PrivateDataTests
{
    [Theory]
    [InlineData("csharp")]
    [InlineData("node")]
    public async Task BlockToLive_ReadableForItsBlocks_ThenGoneFromStateAndStore_BlocksKeepTheHash(string shim)
    {
        await using var setup = await Setup.StartAsync(node: shim == "node");
        var secret = "ivy-expiring-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var stored = await setup.StoreAsync("ivy", secret, ShortLivedCollection);

        // the last block that still holds it: stored + block-to-live
        await setup.CommitBlocksUntilAsync(stored.BlockNumber + ShortLivedBlocks);
        Assert.Equal(secret, Encoding.UTF8.GetString((await setup.Org1.EvaluateTransactionAsync("read", ShortLivedCollection, "ivy").WithTimeout()).Span));

        await setup.CommitBlocksUntilAsync(stored.BlockNumber + ShortLivedBlocks + 1);

        Assert.Empty((await setup.Org1.EvaluateTransactionAsync("read", ShortLivedCollection, "ivy").WithTimeout()).ToArray());
        // GetPrivateDataHash answers, with nothing: the purge manager removes the hashed key too
        Assert.Empty((await setup.Org1.EvaluateTransactionAsync("hash", ShortLivedCollection, "ivy").WithTimeout()).ToArray());
        Assert.Empty((await setup.Org2.EvaluateTransactionAsync("hash", ShortLivedCollection, "ivy").WithTimeout()).ToArray());
        Assert.False(Contains(setup.PrivateStoreBytes("Org1MSP"), Encoding.UTF8.GetBytes(secret)));
        foreach (var peer in setup.Network.Peers)
        {
            Assert.Contains(await setup.BlockBytesAsync(peer.Name), b => Contains(b, SHA256.HashData(Encoding.UTF8.GetBytes(secret))));
        }

        var delivered = await BlockAndPrivateDataAsync(setup.NetworkAs("Org1MSP", "Org1MSP"), stored.BlockNumber);
        Assert.Empty(delivered.PrivateDataMap);
    }

    [Fact]
    public async Task BlockToLive_KeyWrittenAgain_LivesFromTheNewWrite()
    {
        await using var setup = await Setup.StartAsync();
        var first = await setup.StoreAsync("jack", "first", ShortLivedCollection);
        await setup.CommitBlocksUntilAsync(first.BlockNumber + 1);
        var second = await setup.StoreAsync("jack", "second", ShortLivedCollection);

        await setup.CommitBlocksUntilAsync(first.BlockNumber + ShortLivedBlocks + 1);

        Assert.Equal("second", Encoding.UTF8.GetString((await setup.Org1.EvaluateTransactionAsync("read", ShortLivedCollection, "jack").WithTimeout()).Span));
        await setup.CommitBlocksUntilAsync(second.BlockNumber + ShortLivedBlocks + 1);
        Assert.Empty((await setup.Org1.EvaluateTransactionAsync("read", ShortLivedCollection, "jack").WithTimeout()).ToArray());
    }

    [Fact]
    public async Task BlockToLive_NetworkRestarted_ExpiredDataStaysGone_LiveDataComesBack()
    {
        await using var setup = await Setup.StartAsync();
        var expiring = await setup.StoreAsync("kate", "kate-expired", ShortLivedCollection);
        await setup.CommitBlocksUntilAsync(expiring.BlockNumber + ShortLivedBlocks + 1);
        var live = await setup.StoreAsync("liam", "liam-live", ShortLivedCollection);
        await setup.SettleAsync();

        await setup.RestartNetworkAsync();

        Assert.Empty((await setup.Org1.EvaluateTransactionAsync("read", ShortLivedCollection, "kate").WithTimeout()).ToArray());
        Assert.Empty((await setup.Org2.EvaluateTransactionAsync("hash", ShortLivedCollection, "kate").WithTimeout()).ToArray());
        Assert.Equal("liam-live", Encoding.UTF8.GetString((await setup.Org1.EvaluateTransactionAsync("read", ShortLivedCollection, "liam").WithTimeout()).Span));
        Assert.False(Contains(setup.PrivateStoreBytes("Org1MSP"), "kate-expired"u8.ToArray()));

        // expiry goes on after the restart, from the recovered state
        await setup.CommitBlocksUntilAsync(live.BlockNumber + ShortLivedBlocks + 1);
        Assert.Empty((await setup.Org1.EvaluateTransactionAsync("read", ShortLivedCollection, "liam").WithTimeout()).ToArray());
    }
}
