using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Hyperledger.Fabric.Identity.Internal;

/// <summary>Reads and writes PEM certificates the way Fabric (Go's encoding/pem) lays them out.</summary>
internal static class PemCertificates
{
    /// <summary>All CERTIFICATE blocks in <paramref name="pem"/>; throws when there are none or one is malformed.</summary>
    public static List<X509Certificate2> ReadAll(string pem)
    {
        var result = new List<X509Certificate2>();
        var remaining = pem.AsMemory();
        while (PemEncoding.TryFind(remaining.Span, out var fields))
        {
            var label = remaining.Span[fields.Label].ToString();
            if (label == "CERTIFICATE")
            {
                try
                {
                    var der = Convert.FromBase64String(remaining.Span[fields.Base64Data].ToString());
                    result.Add(X509CertificateLoader.LoadCertificate(der));
                }
                catch (Exception e) when (e is FormatException or CryptographicException)
                {
                    result.ForEach(c => c.Dispose());
                    throw new CryptoMaterialException("a CERTIFICATE PEM block is malformed: " + e.Message, e);
                }
            }

            remaining = remaining[fields.Location.End..];
        }

        if (result.Count == 0)
        {
            throw new CryptoMaterialException(pem.Contains("-----BEGIN", StringComparison.Ordinal)
                ? "malformed PEM: no well-formed '-----BEGIN CERTIFICATE-----' block (bad base64, a broken header or footer, or not a certificate)"
                : "no '-----BEGIN CERTIFICATE-----' PEM block found");
        }

        return result;
    }

    public static X509Certificate2 ReadFirst(string pem) => First(ReadAll(pem));

    /// <summary>The first certificate of a non-empty list; the others (a chain in the same file) are disposed.</summary>
    public static X509Certificate2 First(List<X509Certificate2> certificates)
    {
        foreach (var rest in certificates.Skip(1))
        {
            rest.Dispose();
        }

        return certificates[0];
    }

    public static List<X509Certificate2> ReadFile(string path)
    {
        try
        {
            return ReadAll(File.ReadAllText(path));
        }
        catch (CryptoMaterialException e) when (e.FilePath is null)
        {
            throw new CryptoMaterialException(path, e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CryptoMaterialException(path, "cannot read certificate file: " + e.Message, e);
        }
    }

    /// <summary>PEM text with 64-column base64 and a trailing newline, like Go's pem.Encode.</summary>
    public static string ToPem(X509Certificate2 certificate) =>
        new string(PemEncoding.Write("CERTIFICATE", certificate.RawData)) + "\n";

    public static byte[] ToPemBytes(X509Certificate2 certificate) => Encoding.UTF8.GetBytes(ToPem(certificate));
}
