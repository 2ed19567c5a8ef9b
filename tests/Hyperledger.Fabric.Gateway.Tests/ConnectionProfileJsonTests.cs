using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>The profile field readers the gateway parses with and an application's own <c>x-…</c> section reads with.</summary>
public sealed class ConnectionProfileJsonTests
{
    private const string Source = "profile.json";

    [Fact]
    public void ObjectMembers_Section_ListsEachObjectMemberInOrder_AndNoneWhenMissingOrNull()
    {
        using var document = JsonDocument.Parse("""{ "s": { "b": { "v": 1 }, "a": {} }, "n": null }""");

        var members = ConnectionProfileJson.ObjectMembers(document.RootElement, "s", "x-app.s", Source).ToList();

        Assert.Equal(["b", "a"], members.Select(m => m.Name));
        Assert.Equal(1, members[0].Value.GetProperty("v").GetInt32());
        Assert.Empty(ConnectionProfileJson.ObjectMembers(document.RootElement, "n", "x-app.n", Source));
        Assert.Empty(ConnectionProfileJson.ObjectMembers(document.RootElement, "missing", "x-app.missing", Source));
    }

    [Theory]
    [InlineData("""{ "s": [] }""", "profile.json: 'x-app.s' must be an object")]
    [InlineData("""{ "s": { "a": "secret-value" } }""", "profile.json: 'x-app.s.a' must be an object")]
    public void ObjectMembers_WrongKind_NamesTheFieldNotTheValue(string json, string expected)
    {
        using var document = JsonDocument.Parse(json);

        var error = Assert.Throws<InvalidDataException>(() => ConnectionProfileJson.ObjectMembers(document.RootElement, "s", "x-app.s", Source));

        Assert.Equal(expected, error.Message);
        Assert.DoesNotContain("secret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strings_PresentMissingAndWrongKind_ReadOrThrowNamingTheField()
    {
        using var document = JsonDocument.Parse("""{ "s": "text", "e": "", "n": 4711 }""");
        var root = document.RootElement;

        Assert.Equal("text", ConnectionProfileJson.OptionalString(root, "s", Source));
        Assert.Null(ConnectionProfileJson.OptionalString(root, "missing", Source));
        Assert.Equal("text", ConnectionProfileJson.RequiredString(root, "s", "x-app", Source));
        var wrongKind = Assert.Throws<InvalidDataException>(() => ConnectionProfileJson.OptionalString(root, "n", Source));
        Assert.Equal("profile.json: 'n' must be a string", wrongKind.Message);
        Assert.DoesNotContain("4711", wrongKind.Message, StringComparison.Ordinal);
        var empty = Assert.Throws<InvalidDataException>(() => ConnectionProfileJson.RequiredString(root, "e", "x-app", Source));
        Assert.Equal("profile.json: x-app.e is required", empty.Message);
    }

    [Fact]
    public void ResolvePath_RelativeAndRooted_RelativeToTheBaseDirectory()
    {
        using var directory = new TemporaryDirectory();
        var rooted = Path.Combine(directory.Path, "elsewhere", "ca.pem");

        Assert.Equal(Path.Combine(directory.Path, "certs", "ca.pem"), ConnectionProfileJson.ResolvePath(directory.Path, Path.Combine("certs", "ca.pem")));
        Assert.Equal(rooted, ConnectionProfileJson.ResolvePath(directory.Path, rooted));
    }

    [Fact]
    public void LoadCertificates_PemFile_ReadsEveryCertificate_AndNamesTheFieldWhenItCannot()
    {
        using var directory = new TemporaryDirectory();
        using var first = SelfSigned("CN=first");
        using var second = SelfSigned("CN=second");
        var path = Path.Combine(directory.Path, "cas.pem");
        File.WriteAllText(path, first.ExportCertificatePem() + "\n" + second.ExportCertificatePem());
        var notPem = Path.Combine(directory.Path, "not.pem");
        File.WriteAllText(notPem, "no certificate here");

        var loaded = ConnectionProfileJson.LoadCertificates(path, "x-app.caCerts", Source);

        Assert.Equal([first.Thumbprint, second.Thumbprint], loaded.Select(c => c.Thumbprint));
        var missing = Assert.Throws<InvalidDataException>(() => ConnectionProfileJson.LoadCertificates(Path.Combine(directory.Path, "missing.pem"), "x-app.caCerts", Source));
        Assert.StartsWith("profile.json: x-app.caCerts: cannot read ", missing.Message, StringComparison.Ordinal);
        var none = Assert.Throws<InvalidDataException>(() => ConnectionProfileJson.LoadCertificates(notPem, "x-app.caCerts", Source));
        Assert.Equal("profile.json: x-app.caCerts holds no PEM certificate", none.Message);
    }

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new CertificateRequest(subject, key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
