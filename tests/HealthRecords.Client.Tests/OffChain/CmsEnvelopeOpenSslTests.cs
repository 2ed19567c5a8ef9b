using System.Diagnostics;
using HealthRecords.Client.OffChain;
using HealthRecords.Client.Tests.Support;
using TestSupport;

namespace HealthRecords.Client.Tests.OffChain;

/// <summary>OpenSSL 3 (the `openssl` command) as an independent CMS implementation, both ways.</summary>
public sealed class CmsEnvelopeOpenSslTests : IDisposable
{
    private static readonly byte[] Document = "lab result: HbA1c 7.2 %"u8.ToArray();
    private readonly TestCertificates _pki = new();
    private readonly TemporaryDirectory _folder = new();

    public void Dispose()
    {
        _pki.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Encrypt_OpenSslDecrypts_RecoversContent()
    {
        var (hospital, key) = _pki.Issue("dr-house@org1.example.com");
        var (clinic, _) = _pki.Issue("dr-who@org2.example.com");
        var envelope = Write("envelope.der", CmsEnvelope.Encrypt(Document, [clinic, hospital]));
        var cert = WriteText("hospital.pem", hospital.ExportCertificatePem());
        var keyFile = WriteText("hospital.key", key.ExportPkcs8PrivateKeyPem());
        var output = Path.Combine(_folder.Path, "out.bin");

        await OpenSslAsync("cms", "-decrypt", "-binary", "-inform", "DER", "-in", envelope, "-recip", cert, "-inkey", keyFile, "-out", output);

        Assert.Equal(Document, await File.ReadAllBytesAsync(output));
    }

    [Fact]
    public async Task Decrypt_OpenSslEncryptedAes256Gcm_RecoversContent()
    {
        var (hospital, key) = _pki.Issue("dr-house@org1.example.com");
        var input = Write("plain.bin", Document);
        var cert = WriteText("hospital.pem", hospital.ExportCertificatePem());
        var envelope = Path.Combine(_folder.Path, "openssl.der");

        await OpenSslAsync("cms", "-encrypt", "-binary", "-aes-256-gcm", "-in", input, "-outform", "DER", "-out", envelope, "-recip", cert, "-keyopt", "ecdh_kdf_md:sha256");

        Assert.Equal(Document, CmsEnvelope.Decrypt(await File.ReadAllBytesAsync(envelope), hospital, key));
    }

    [Fact]
    public async Task Decrypt_OpenSslDefaultKdfAndSubjectKeyId_RecoversContent()
    {
        var (hospital, key) = _pki.Issue("dr-house@org1.example.com");
        var input = Write("plain.bin", Document);
        var cert = WriteText("hospital.pem", hospital.ExportCertificatePem());
        var envelope = Path.Combine(_folder.Path, "openssl.der");

        await OpenSslAsync("cms", "-encrypt", "-binary", "-aes-128-gcm", "-keyid", "-in", input, "-outform", "DER", "-out", envelope, cert);

        Assert.Equal(Document, CmsEnvelope.Decrypt(await File.ReadAllBytesAsync(envelope), hospital, key));
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder.Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string WriteText(string name, string text)
    {
        var path = Path.Combine(_folder.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task OpenSslAsync(params string[] arguments)
    {
        // Process.Start's own error for a missing executable does not say which package to install.
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "openssl")));
        Assert.True(onPath, "'openssl' is not on PATH: these tests use OpenSSL 3 as an independent CMS implementation; install the openssl package.");
        var start = new ProcessStartInfo("openssl") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync().WithTimeout(TestTimeouts.Short);
        await process.WaitForExitAsync().WithTimeout(TestTimeouts.Short);
        Assert.True(process.ExitCode == 0, $"openssl {string.Join(' ', arguments)} failed: {await stderr}");
    }
}
