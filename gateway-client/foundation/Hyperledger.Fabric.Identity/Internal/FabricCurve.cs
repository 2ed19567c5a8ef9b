using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;

namespace Hyperledger.Fabric.Identity.Internal;

/// <summary>
/// A curve Fabric accepts for identities (P-256, P-384), with its group order for low-S checks. The
/// curve does not choose the hash: the MSP's hash family does (see <see cref="MspHashFamily"/>).
/// </summary>
internal sealed class FabricCurve
{
    public const string P256Oid = "1.2.840.10045.3.1.7";
    public const string P384Oid = "1.3.132.0.34";
    public const string P521Oid = "1.3.132.0.35";

    public static readonly FabricCurve P256 = new(
        "P-256",
        P256Oid,
        "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551",
        32);

    public static readonly FabricCurve P384 = new(
        "P-384",
        P384Oid,
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973",
        48);

    private FabricCurve(string name, string oid, string orderHex, int size)
    {
        Name = name;
        Oid = oid;
        Order = BigInteger.Parse("0" + orderHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        HalfOrder = Order >> 1;
        FieldSize = size;
    }

    public string Name { get; }

    public string Oid { get; }

    public BigInteger Order { get; }

    public BigInteger HalfOrder { get; }

    public int FieldSize { get; }

    /// <summary>The curve named by <paramref name="curve"/>, or null when Fabric does not use it.</summary>
    public static FabricCurve? TryFrom(ECCurve curve)
    {
        if (curve.IsNamed)
        {
            var oid = curve.Oid.Value;
            var name = curve.Oid.FriendlyName;
            if (oid == P256Oid || name is "nistP256" or "ECDSA_P256" or "secp256r1" or "prime256v1")
            {
                return P256;
            }

            if (oid == P384Oid || name is "nistP384" or "ECDSA_P384" or "secp384r1")
            {
                return P384;
            }

            return null;
        }

        if (curve.IsPrime && curve.Order is { } order)
        {
            var value = new BigInteger(order, isUnsigned: true, isBigEndian: true);
            if (value == P256.Order)
            {
                return P256;
            }

            if (value == P384.Order)
            {
                return P384;
            }
        }

        return null;
    }

    /// <summary>The curve of <paramref name="key"/>; throws naming the curve when it is not P-256 or P-384.</summary>
    public static FabricCurve From(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parameters = key.ExportParameters(false);
        return TryFrom(parameters.Curve)
            ?? throw new CryptoMaterialException(
                $"unsupported elliptic curve {Describe(parameters.Curve)} ({key.KeySize} bits): Fabric identities use ECDSA P-256 or P-384");
    }

    /// <summary>A human name for a curve, for error messages.</summary>
    public static string Describe(ECCurve curve)
    {
        if (curve.IsNamed)
        {
            return curve.Oid.Value switch
            {
                P521Oid => "P-521",
                _ => curve.Oid.FriendlyName ?? curve.Oid.Value ?? "unnamed",
            };
        }

        return "explicit curve";
    }
}
