namespace Fabric.Grpc.Internal;

/// <summary>Header names and values of gRPC over HTTP/2.</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string StatusDetailsHeader = "grpc-status-details-bin";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string UserAgent = "fabric-grpc-dotnet/0.1";

    /// <summary>True for <c>application/grpc</c> and its <c>+proto</c>-style or parameterised forms.</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (contentType.Length == ContentType.Length)
        {
            return true;
        }

        var next = contentType[ContentType.Length];
        return next is '+' or ';';
    }

    /// <summary>Headers that belong to the protocol or HTTP and are not surfaced as call metadata.</summary>
    public static bool IsReservedHeader(string name) =>
        name.StartsWith(':')
        || name.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-type", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-length", StringComparison.OrdinalIgnoreCase)
        || name.Equals("te", StringComparison.OrdinalIgnoreCase)
        || name.Equals("host", StringComparison.OrdinalIgnoreCase)
        || name.Equals("user-agent", StringComparison.OrdinalIgnoreCase)
        || name.Equals("date", StringComparison.OrdinalIgnoreCase)
        || name.Equals("server", StringComparison.OrdinalIgnoreCase)
        || name.Equals("connection", StringComparison.OrdinalIgnoreCase)
        || name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase)
        || name.Equals("trailer", StringComparison.OrdinalIgnoreCase);

    /// <summary>Adds an HTTP header value to metadata, decoding <c>-bin</c> values; malformed ones are skipped.</summary>
    public static void AddHeader(Metadata metadata, string name, string value)
    {
        if (IsReservedHeader(name))
        {
            return;
        }

        try
        {
            if (Metadata.IsBinaryKey(name))
            {
                // a repeated binary header may arrive comma-joined
                foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    metadata.Add(name, Base64.Decode(part));
                }
            }
            else
            {
                metadata.Add(name, value);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            // one bad header from a peer must not fail the call
        }
    }

    /// <summary>The wire form of a metadata value.</summary>
    public static string HeaderValue(Metadata.Entry entry) =>
        entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes!) : entry.Value!;
}
