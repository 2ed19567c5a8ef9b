using System.Buffers.Binary;

namespace Fabric.Grpc.Internal;

/// <summary>
/// gRPC length-prefixed messages: one byte compressed flag, four bytes big-endian length, then the
/// message. Both ends use these helpers; each failure is a gRPC status, never a raw I/O error.
/// </summary>
internal static class GrpcFrame
{
    public const int HeaderSize = 5;

    /// <summary>Serializes and frames a message, checking the send limit.</summary>
    public static byte[] Frame<T>(Marshaller<T> marshaller, T message, int maxSendSize)
    {
        byte[] payload;
        try
        {
            payload = marshaller.Serializer(message);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Error serializing message: " + ex.Message), ex);
        }

        if (payload.Length > maxSendSize)
        {
            throw new RpcException(new Status(
                StatusCode.ResourceExhausted,
                $"Sending message larger than max ({payload.Length} vs. {maxSendSize})"));
        }

        var frame = new byte[HeaderSize + payload.Length];
        WriteHeader(frame, payload.Length);
        payload.CopyTo(frame.AsSpan(HeaderSize));
        return frame;
    }

    public static void WriteHeader(Span<byte> destination, int length)
    {
        destination[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }

    /// <summary>Deserializes a payload, turning marshaller failures into Internal.</summary>
    public static T Deserialize<T>(Marshaller<T> marshaller, byte[] payload)
    {
        try
        {
            return marshaller.Deserializer(payload);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize message: " + ex.Message), ex);
        }
    }

    /// <summary>
    /// Reads the next message, or null at a clean end of stream (between messages). A frame cut
    /// short is Internal, a compressed frame is Internal (we negotiate no compression), a frame over
    /// <paramref name="maxReceiveSize"/> is ResourceExhausted.
    /// </summary>
    public static async ValueTask<byte[]?> ReadAsync(Stream stream, int maxReceiveSize, CancellationToken cancellationToken, string? encoding = null)
    {
        var header = new byte[HeaderSize];
        var read = await stream.ReadAtLeastAsync(header, HeaderSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }

        if (read < HeaderSize)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Incomplete message: the stream ended after {read} of the 5 prefix bytes."));
        }

        if (header[0] == 1)
        {
            throw string.IsNullOrEmpty(encoding) || encoding == "identity"
                ? new RpcException(new Status(StatusCode.Internal, "Received a compressed message, but no grpc-encoding was negotiated."))
                : new RpcException(new Status(StatusCode.Unimplemented, $"Received a message compressed with '{encoding}'; this transport supports no compression."));
        }

        if (header[0] != 0)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Invalid message prefix: compressed flag {header[0]}."));
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1));
        if (length > (uint)maxReceiveSize)
        {
            throw new RpcException(new Status(
                StatusCode.ResourceExhausted,
                $"Received message larger than max ({length} vs. {maxReceiveSize})"));
        }

        var payload = length == 0 ? [] : new byte[length];
        if (length > 0)
        {
            read = await stream.ReadAtLeastAsync(payload, payload.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read < payload.Length)
            {
                throw new RpcException(new Status(
                    StatusCode.Internal,
                    $"Incomplete message: the stream ended after {read} of {length} bytes."));
            }
        }

        return payload;
    }
}
