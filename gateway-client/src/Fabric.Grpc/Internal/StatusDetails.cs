namespace Fabric.Grpc.Internal;

/// <summary>grpc-status-details-bin: a base64 google.rpc.Status.</summary>
internal static class StatusDetails
{
    public static string Encode(Google.Rpc.Status details) =>
        Convert.ToBase64String(Google.Protobuf.MessageExtensions.ToByteArray(details));

    public static Google.Rpc.Status? TryDecode(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return Google.Rpc.Status.Parser.ParseFrom(Base64.Decode(value));
        }
        catch (Exception ex) when (ex is FormatException or Google.Protobuf.InvalidProtocolBufferException)
        {
            // Malformed details must not hide the status and message they came with.
            return null;
        }
    }
}
