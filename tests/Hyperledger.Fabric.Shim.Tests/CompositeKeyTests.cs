using System.Text;

namespace Hyperledger.Fabric.Shim.Tests;

public sealed class CompositeKeyTests
{
    [Fact]
    public void Create_TypeAndAttributes_UsesFabricEncoding()
    {
        var key = CompositeKey.Create("owner~asset", "alice", "a1");

        Assert.Equal("\u0000owner~asset\u0000alice\u0000a1\u0000", key);
        Assert.Equal([0x00, .. "owner~asset"u8.ToArray(), 0x00, .. "alice"u8.ToArray(), 0x00, .. "a1"u8.ToArray(), 0x00], Encoding.UTF8.GetBytes(key));
    }

    [Fact]
    public void Split_CreatedKey_RoundTrips()
    {
        var (objectType, attributes) = CompositeKey.Split(CompositeKey.Create("t", "x", "", "ü€𝄞"));

        Assert.Equal("t", objectType);
        Assert.Equal(["x", "", "ü€𝄞"], attributes);
    }

    [Fact]
    public void Create_NoAttributes_IsTypeOnlyPrefix()
    {
        Assert.Equal("\u0000t\u0000", CompositeKey.Create("t"));
    }

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("a\U0010FFFFb")]
    public void Create_ForbiddenCharacters_Throw(string attribute)
    {
        Assert.Throws<ArgumentException>(() => CompositeKey.Create("t", attribute));
    }

    [Fact]
    public void Create_LoneSurrogate_Throws()
    {
        var lone = "lone" + (char)0xD800;

        Assert.Throws<ArgumentException>(() => CompositeKey.Create("t", lone));
    }

    [Fact]
    public void Split_SimpleKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => CompositeKey.Split("plain"));
    }

    [Fact]
    public void PartialKeyRange_AnyPartialKey_EndsWithMaxRune()
    {
        var (start, end) = CompositeKey.PartialKeyRange("t", ["a"]);

        Assert.Equal("\u0000t\u0000a\u0000", start);
        Assert.Equal(new byte[] { 0xF4, 0x8F, 0xBF, 0xBF }, Encoding.UTF8.GetBytes(end)[^4..]);
    }
}
