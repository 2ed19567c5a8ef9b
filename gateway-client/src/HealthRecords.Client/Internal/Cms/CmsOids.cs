using System.Security.Cryptography;

namespace HealthRecords.Client.Internal.Cms;

/// <summary>Object identifiers of the CMS structures and algorithms the envelope uses (RFC 5652, 5083, 5084, 5753, 3394).</summary>
internal static class CmsOids
{
    public const string Data = "1.2.840.113549.1.7.1";
    public const string AuthEnvelopedData = "1.2.840.113549.1.9.16.1.23";
    public const string EcPublicKey = "1.2.840.10045.2.1";

    public const string Aes128Gcm = "2.16.840.1.101.3.4.1.6";
    public const string Aes192Gcm = "2.16.840.1.101.3.4.1.26";
    public const string Aes256Gcm = "2.16.840.1.101.3.4.1.46";

    public const string Aes128Wrap = "2.16.840.1.101.3.4.1.5";
    public const string Aes192Wrap = "2.16.840.1.101.3.4.1.25";
    public const string Aes256Wrap = "2.16.840.1.101.3.4.1.45";

    // RFC 5753 section 7.1.4 (ECDH with the X9.63 KDF); cofactor variants equal standard ECDH on the NIST curves (cofactor 1).
    public const string StdDhSha1Kdf = "1.3.133.16.840.63.0.2";
    public const string StdDhSha224Kdf = "1.3.132.1.11.0";
    public const string StdDhSha256Kdf = "1.3.132.1.11.1";
    public const string StdDhSha384Kdf = "1.3.132.1.11.2";
    public const string StdDhSha512Kdf = "1.3.132.1.11.3";
    public const string CofactorDhSha1Kdf = "1.3.133.16.840.63.0.3";
    public const string CofactorDhSha224Kdf = "1.3.132.1.14.0";
    public const string CofactorDhSha256Kdf = "1.3.132.1.14.1";
    public const string CofactorDhSha384Kdf = "1.3.132.1.14.2";
    public const string CofactorDhSha512Kdf = "1.3.132.1.14.3";

    public static int? GcmKeySize(string oid) => oid switch
    {
        Aes128Gcm => 16,
        Aes192Gcm => 24,
        Aes256Gcm => 32,
        _ => null,
    };

    public static int? WrapKeySize(string oid) => oid switch
    {
        Aes128Wrap => 16,
        Aes192Wrap => 24,
        Aes256Wrap => 32,
        _ => null,
    };

    public static HashAlgorithmName? KdfHash(string oid) => oid switch
    {
        StdDhSha1Kdf or CofactorDhSha1Kdf => HashAlgorithmName.SHA1,
        StdDhSha224Kdf or CofactorDhSha224Kdf => new HashAlgorithmName("SHA224"),
        StdDhSha256Kdf or CofactorDhSha256Kdf => HashAlgorithmName.SHA256,
        StdDhSha384Kdf or CofactorDhSha384Kdf => HashAlgorithmName.SHA384,
        StdDhSha512Kdf or CofactorDhSha512Kdf => HashAlgorithmName.SHA512,
        _ => null,
    };
}
