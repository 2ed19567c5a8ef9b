using System.Security.Cryptography;
using HealthRecords.Client.OffChain;
using TestSupport;

namespace HealthRecords.Client.Tests.OffChain;

public sealed class ContentAddressedStoreTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task PutAsync_ThenRead_RoundTripsByHashAndUri()
    {
        var store = new ContentAddressedStore(Path.Combine(_folder.Path, "cas"));
        var content = RandomNumberGenerator.GetBytes(200_000);

        var address = await store.PutAsync(content).WithTimeout();

        Assert.Equal(ContentHash.Compute(content), address.Hash);
        Assert.Equal(200_000, address.Size);
        Assert.Equal("cas://sha256/" + address.Hash, address.Uri);
        Assert.Equal(content, await store.ReadAllBytesAsync(address.Uri).WithTimeout());
        Assert.Equal(content, await store.ReadAllBytesAsync(address.Hash.ToUpperInvariant()).WithTimeout());
        Assert.True(File.Exists(Path.Combine(store.Root, address.Hash)));
    }

    [Fact]
    public async Task PutAsync_SameContentTwice_StoresOneFile()
    {
        var store = new ContentAddressedStore(_folder.Path);

        var a = await store.PutAsync("same"u8.ToArray()).WithTimeout();
        var b = await store.PutAsync(new MemoryStream("same"u8.ToArray())).WithTimeout();

        Assert.Equal(a, b);
        Assert.Single(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public async Task ReadAllBytesAsync_CorruptedBlob_ThrowsContentIntegrity()
    {
        var store = new ContentAddressedStore(_folder.Path);
        var address = await store.PutAsync("original report"u8.ToArray()).WithTimeout();
        await File.WriteAllTextAsync(store.GetPath(address.Uri), "altered report");

        var e = await Assert.ThrowsAsync<ContentIntegrityException>(() => store.ReadAllBytesAsync(address.Uri).WithTimeout());

        Assert.Equal(address.Hash, e.ExpectedHash);
        Assert.Equal(ContentHash.Compute("altered report"u8), e.ActualHash);
    }

    [Fact]
    public async Task ReadAllBytesAsync_Missing_ThrowsFileNotFound()
    {
        var store = new ContentAddressedStore(_folder.Path);

        await Assert.ThrowsAsync<FileNotFoundException>(() => store.ReadAllBytesAsync(new string('0', 64)).WithTimeout());
        Assert.False(store.Contains(new string('0', 64)));
    }

    [Theory]
    [InlineData("cas://sha256/xyz")]
    [InlineData("https://example.com/a")]
    [InlineData("../../etc/passwd")]
    public void GetPath_NotAHashOrCasUri_ThrowsArgument(string address)
    {
        var store = new ContentAddressedStore(_folder.Path);

        Assert.Throws<ArgumentException>(() => store.GetPath(address));
    }
}
