using Google.Protobuf;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <content>
/// INVOKE_CHAINCODE, as Fabric's handler answers it: the called chaincode runs in the same transaction
/// (same tx id, same snapshot), its reads and writes join this transaction's read-write set under its
/// own namespace, and its COMPLETED or ERROR message goes back to the caller as the RESPONSE payload.
/// A chaincode on another channel is refused: the dev network's peers have one channel.
/// </content>
internal sealed partial class SimulatedTransaction
{
    private readonly ChaincodeInvocation? _invocation;
    private readonly TransactionRwSets _sets;

    /// <summary>Answers one INVOKE_CHAINCODE; runs off the stream's receive loop, since the called chaincode talks back on a stream too.</summary>
    public async Task<ChaincodeMessage> InvokeAsync(ChaincodeMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var spec = ChaincodeSpec.Parser.ParseFrom(request.Payload);
            var (name, channel) = ParseTarget(spec.ChaincodeId?.Name ?? string.Empty);
            if (channel.Length > 0 && !string.Equals(channel, ChannelId, StringComparison.Ordinal))
            {
                return Reply(ChaincodeMessage.Types.Type.Error, ByteString.CopyFromUtf8($"failed to find ledger for channel: {channel}"));
            }

            var target = _invocation?.Resolve(name);
            if (target is null)
            {
                return Reply(ChaincodeMessage.Types.Type.Error, ByteString.CopyFromUtf8(
                    $"execute failed: make sure the chaincode {name} has been successfully defined on channel {ChannelId} and try again: chaincode definition for '{name}' not found"));
            }

            var reply = await target.Value.Connection.ExecuteNestedAsync(
                ChannelId, TxId, _invocation!, spec.Input ?? new ChaincodeInput(), _snapshot, target.Value.Rules, _sets, cancellationToken).ConfigureAwait(false);
            return Reply(ChaincodeMessage.Types.Type.Response, reply.ToByteString());
        }
        catch (InvalidProtocolBufferException ex)
        {
            return Reply(ChaincodeMessage.Types.Type.Error, ByteString.CopyFromUtf8($"failed to unmarshal {request.Type} payload: {ex.Message}"));
        }
        catch (ChaincodeExecutionException ex)
        {
            return Reply(ChaincodeMessage.Types.Type.Error, ByteString.CopyFromUtf8("execute failed: " + ex.Message));
        }
    }

    /// <summary>Fabric's <c>name[:version][/channel]</c>; the version is ignored, as Fabric ignores it.</summary>
    private static (string Name, string Channel) ParseTarget(string target)
    {
        var slash = target.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? target : target[..slash];
        var channel = slash < 0 ? string.Empty : target[(slash + 1)..];
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return (colon < 0 ? name : name[..colon], channel);
    }
}
