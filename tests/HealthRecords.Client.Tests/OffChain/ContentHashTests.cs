using System.Security.Cryptography;
using HealthRecords.Client.OffChain;
using TestSupport;

namespace HealthRecords.Client.Tests.OffChain;

public sealed class ContentHashTests
{
    [Fact]
    public async Task ComputeAsync_Stream_MatchesOneShotHashAndSize()
    {
        var content = RandomNumberGenerator.GetBytes(300_001);

        var (hash, size) = await ContentHash.ComputeAsync(new MemoryStream(content)).WithTimeout();

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), hash);
        Assert.Equal(300_001, size);
        Assert.True(ContentHash.Matches(content, hash.ToUpperInvariant()));
        Assert.False(ContentHash.Matches(content[1..], hash));
    }

    [Fact]
    public async Task ComputeFileAsync_File_MatchesComputeOfItsBytes()
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "report.json");
        await File.WriteAllTextAsync(path, "{\"resourceType\":\"DiagnosticReport\"}");

        var (hash, size) = await ContentHash.ComputeFileAsync(path).WithTimeout();

        Assert.Equal(ContentHash.Compute(await File.ReadAllBytesAsync(path)), hash);
        Assert.Equal(new FileInfo(path).Length, size);
    }
}
