namespace Fabric.Grpc.Internal;

/// <summary>Base64 as gRPC uses it: senders may leave out the padding.</summary>
internal static class Base64
{
    public static byte[] Decode(string value)
    {
        var trimmed = value.Trim();
        var remainder = trimmed.Length % 4;
        if (remainder != 0)
        {
            trimmed += new string('=', 4 - remainder);
        }

        return Convert.FromBase64String(trimmed);
    }
}
