using Google.Protobuf;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Shim.Internal;

/// <summary>Builds the messages the chaincode sends on the Connect stream (the shim's message factory).</summary>
internal static class ChaincodeMessages
{
    public static ChaincodeMessage Register(string chaincodeId) => new()
    {
        Type = ChaincodeMessage.Types.Type.Register,
        Payload = new ChaincodeID { Name = chaincodeId }.ToByteString(),
    };

    public static ChaincodeMessage Request(ChaincodeMessage.Types.Type type, IMessage payload, string channelId, string txId) => new()
    {
        Type = type,
        Payload = payload.ToByteString(),
        ChannelId = channelId,
        Txid = txId,
    };

    public static ChaincodeMessage Completed(string channelId, string txId, ChaincodeResponse response, ChaincodeEvent? chaincodeEvent)
    {
        var message = new ChaincodeMessage
        {
            Type = ChaincodeMessage.Types.Type.Completed,
            Payload = new Response
            {
                Status = response.Status,
                Message = response.Message ?? string.Empty,
                Payload = ByteString.CopyFrom(response.Payload.Span),
            }.ToByteString(),
            ChannelId = channelId,
            Txid = txId,
        };
        if (chaincodeEvent is not null)
        {
            message.ChaincodeEvent = chaincodeEvent;
        }

        return message;
    }

    public static ChaincodeMessage Error(string message, string channelId, string txId) => new()
    {
        Type = ChaincodeMessage.Types.Type.Error,
        Payload = ByteString.CopyFromUtf8(message),
        ChannelId = channelId,
        Txid = txId,
    };

    /// <summary>The upper-case wire name of a message type, as Fabric logs it (GET_STATE, ...).</summary>
    public static string Name(ChaincodeMessage.Types.Type type) =>
        (uint)type < (uint)Names.Length ? Names[(int)type] : NameOf((int)type);

    // Every request names its type (for errors and metrics): looked up once, not per message.
    private static readonly string[] Names = [.. Enumerable.Range(0, 32).Select(NameOf)];

    private static string NameOf(int number) =>
        ChaincodeMessage.Descriptor.EnumTypes[0].FindValueByNumber(number)?.Name ?? number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
