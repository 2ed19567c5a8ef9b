using Fabric.Grpc.Internal;

namespace Fabric.Grpc.Tests;

/// <summary>The header encodings: grpc-timeout, grpc-message, base64 binary values, metadata keys.</summary>
public sealed class ProtocolEncodingTests
{
    [Theory]
    [InlineData(1500, "1500000u")]
    [InlineData(200_000_000, "200000S")]
    public void Encode_Timeout_UsesFinestUnitWithinEightDigits(long milliseconds, string expected)
    {
        Assert.Equal(expected, GrpcTimeout.Encode(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Encode_HugeTimeout_StaysWithinEightDigits()
    {
        var encoded = GrpcTimeout.Encode(TimeSpan.FromDays(100_000));

        Assert.True(encoded.Length <= 9, encoded);
        Assert.True(GrpcTimeout.TryDecode(encoded, out _));
    }

    [Theory]
    [InlineData("1H", 3600_000)]
    [InlineData("2M", 120_000)]
    [InlineData("3S", 3000)]
    [InlineData("250m", 250)]
    [InlineData("5000u", 5)]
    [InlineData("7000000n", 7)]
    public void TryDecode_EachUnit_ParsesDuration(string value, long expectedMilliseconds)
    {
        Assert.True(GrpcTimeout.TryDecode(value, out var timeout));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), timeout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("123456789S")]
    [InlineData("-1S")]
    [InlineData("1x")]
    public void TryDecode_Malformed_ReturnsFalse(string value)
    {
        Assert.False(GrpcTimeout.TryDecode(value, out _));
    }

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("é", "%C3%A9")]
    [InlineData("line\nbreak", "line%0Abreak")]
    public void EncodeMessage_SpecialCharacters_PercentEncodesUtf8(string message, string expected)
    {
        Assert.Equal(expected, GrpcMessageEncoding.Encode(message));
        Assert.Equal(message, GrpcMessageEncoding.Decode(expected));
    }

    [Fact]
    public void DecodeMessage_MalformedEscape_KeepsItVerbatim()
    {
        Assert.Equal("50%zz", GrpcMessageEncoding.Decode("50%zz"));
    }

    [Fact]
    public void Base64Decode_UnpaddedValue_Decodes()
    {
        Assert.Equal(new byte[] { 1, 2 }, Base64.Decode("AQI"));
    }

    [Fact]
    public void StatusDetails_RoundTrip_PreservesCodeAndMessage()
    {
        var details = new Google.Rpc.Status { Code = 5, Message = "not here" };

        var decoded = StatusDetails.TryDecode(StatusDetails.Encode(details).TrimEnd('='));

        Assert.Equal(details, decoded);
    }

    [Fact]
    public void StatusDetails_Garbage_ReturnsNull()
    {
        Assert.Null(StatusDetails.TryDecode("!!!not base64"));
    }

    [Fact]
    public void MetadataAdd_UpperCaseKey_StoresLowerCase()
    {
        var metadata = new Metadata { { "X-Custom", "v" } };

        Assert.Equal("x-custom", metadata.Single().Key);
        Assert.Equal("v", metadata.GetValue("x-custom"));
    }

    [Theory]
    [InlineData("bad key")]
    [InlineData("grpc-status")]
    public void MetadataAdd_InvalidKey_Throws(string key)
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add(key, "v"));
    }

    [Fact]
    public void MetadataAdd_TextValueOnBinaryKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add("x-bin", "text"));
    }

    [Fact]
    public void MethodFullName_ServiceAndName_FormsPath()
    {
        var method = new Method<byte[], byte[]>(MethodType.Unary, "gateway.Gateway", "Endorse", Marshallers.Bytes, Marshallers.Bytes);

        Assert.Equal("/gateway.Gateway/Endorse", method.FullName);
    }
}
