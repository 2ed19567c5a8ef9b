using Fabric.DevNetwork.Chaincode.Internal;
using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Ledger.Internal;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Ledger.Rwset;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Peers.Internal;

/// <summary>
/// The part of Fabric's query system chaincode (<c>qscc</c>) that clients use to ask a peer for its
/// ledger height: <c>GetChainInfo &lt;channel&gt;</c> answers a <c>common.BlockchainInfo</c>.
/// It runs in the peer, reads the ledger and writes nothing; other functions are refused as Fabric
/// refuses unknown ones.
/// </summary>
internal static class QuerySystemChaincode
{
    /// <summary>The chaincode name a proposal addresses.</summary>
    public const string Name = "qscc";

    /// <summary>Runs one qscc call against <paramref name="ledger"/>, the ledger of the peer that was asked.</summary>
    /// <param name="ledger">The asked peer's ledger.</param>
    /// <param name="input">The call's arguments: function, channel, then the function's own.</param>
    /// <param name="checkAcl">Checks the proposal's creator against a resource's ACL (<c>qscc/GetChainInfo</c>); null when admitted, else Fabric's refusal (for a resource no ACL maps, "Unmapped policy for ...").</param>
    /// <param name="cancellationToken">Cancels the ledger read.</param>
    public static async Task<ExecutionResult> ExecuteAsync(IChannelLedger ledger, ChaincodeInput input, Func<string, string?> checkAcl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkAcl);
        // Fabric's qscc takes the function name and the channel as its first two arguments.
        if (input.Args.Count < 2)
        {
            return Error($"Incorrect number of arguments, {input.Args.Count}");
        }

        var function = input.Args[0].ToStringUtf8();
        var channel = input.Args[1].ToStringUtf8();
        if (!string.Equals(channel, ledger.ChannelId, StringComparison.Ordinal))
        {
            return Error($"Invalid chain ID, {channel}");
        }

        // As Fabric's qscc: the function's resource ACL once the channel is known, before the function
        // is looked up, so an unknown function is refused as an unmapped resource, not as unknown.
        var refusal = checkAcl(Name + "/" + function);
        if (refusal is not null)
        {
            return Error($"access denied for [{function}][{channel}]: [{refusal}]");
        }

        if (!string.Equals(function, "GetChainInfo", StringComparison.Ordinal))
        {
            return Error($"Requested function {function} not found.");
        }

        // Both hashes from one block, so the answer is consistent while blocks keep committing.
        var height = ledger.Height;
        var last = await ledger.GetBlockAsync(height - 1, cancellationToken).ConfigureAwait(false);
        var info = new BlockchainInfo
        {
            Height = height,
            CurrentBlockHash = ByteString.CopyFrom(BlockHashing.HeaderHash(last.Block.Header)),
            PreviousBlockHash = last.Block.Header.PreviousHash,
        };
        return new ExecutionResult(new Response { Status = 200, Payload = info.ToByteString() }, new TxReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv }, null);
    }

    private static ExecutionResult Error(string message) =>
        new(new Response { Status = 500, Message = message }, new TxReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv }, null);
}
