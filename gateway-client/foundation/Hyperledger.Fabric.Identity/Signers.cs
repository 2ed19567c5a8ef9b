using System.Security.Cryptography;
using Hyperledger.Fabric.Identity.Internal;

namespace Hyperledger.Fabric.Identity;

/// <summary>Factories for <see cref="ISigner"/>: from a key, a PEM file, or any signing function.</summary>
public static class Signers
{
    /// <summary>
    /// A signer over <paramref name="privateKey"/> (P-256 or P-384). The signer uses the key for its
    /// lifetime and does not dispose it; the caller keeps ownership.
    /// </summary>
    /// <param name="privateKey">An ECDSA private key on P-256 or P-384.</param>
    /// <exception cref="CryptoMaterialException">The key is on another curve.</exception>
    public static ISigner FromPrivateKey(ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        return new EcdsaSigner(privateKey);
    }

    /// <summary>
    /// A signer for the private key in <paramref name="privateKeyPem"/> (PKCS#8 <c>PRIVATE KEY</c> or SEC1
    /// <c>EC PRIVATE KEY</c>; an Ed25519 PKCS#8 key gives an Ed25519 signer, which signs the message
    /// itself: use it with <see cref="Hashes.None"/>). The signer owns the imported key and keeps it as long as it lives
    /// (<see cref="ISigner"/> is not disposable): create one per identity, not one per call.
    /// </summary>
    /// <param name="privateKeyPem">The PEM text.</param>
    /// <exception cref="CryptoMaterialException">Malformed PEM, an RSA or encrypted key, or an unsupported curve.</exception>
    public static ISigner FromPem(string privateKeyPem)
    {
        ArgumentNullException.ThrowIfNull(privateKeyPem);
        var ed25519 = Ed25519Keys.TryReadPrivateKey(privateKeyPem);
        return ed25519 is not null ? new Ed25519Signer(ed25519) : new EcdsaSigner(PemKeys.ImportPrivateKey(privateKeyPem));
    }

    /// <summary>
    /// A signer for the private key in the PEM file at <paramref name="path"/> (for example
    /// <c>msp/keystore/priv_sk</c>). Like <see cref="FromPem"/>, the signer owns the key it reads.
    /// </summary>
    /// <param name="path">The key file.</param>
    /// <exception cref="CryptoMaterialException">The file is missing or unreadable, or its key is malformed or unsupported; the message names the file.</exception>
    public static ISigner FromPemFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CryptoMaterialException(path, "cannot read private key file: " + e.Message, e);
        }

        try
        {
            return FromPem(pem);
        }
        catch (CryptoMaterialException e)
        {
            throw new CryptoMaterialException(path, e.Message, e);
        }
    }

    /// <summary>
    /// An ECDSA signer that delegates to <paramref name="sign"/> (an HSM, a remote or offline signer).
    /// The function receives the digest and returns a signature in <paramref name="format"/>, which is
    /// normalised to low-S DER for <paramref name="curve"/>. Output that does not match the stated format
    /// (a DER signer returning P1363, a P1363 signer returning the wrong length) fails with a
    /// <see cref="CryptographicException"/>; nothing is inferred from a signature's length.
    /// </summary>
    /// <param name="sign">Signs a digest.</param>
    /// <param name="curve">The signing key's curve: P-256 or P-384.</param>
    /// <param name="format">What <paramref name="sign"/> returns: <see cref="SignatureFormat.Der"/> or <see cref="SignatureFormat.IeeeP1363"/>.</param>
    /// <exception cref="CryptoMaterialException">The curve is not P-256 or P-384.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not an ECDSA format.</exception>
    public static ISigner Create(Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>> sign, ECCurve curve, SignatureFormat format)
    {
        ArgumentNullException.ThrowIfNull(sign);
        if (format is not (SignatureFormat.Der or SignatureFormat.IeeeP1363))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "an ECDSA signer returns DER or IEEE P1363; use CreateEd25519 for Ed25519");
        }

        var fabricCurve = FabricCurve.TryFrom(curve)
            ?? throw new CryptoMaterialException($"unsupported elliptic curve {FabricCurve.Describe(curve)}: Fabric identities use ECDSA P-256 or P-384");
        return new DelegateSigner(sign, fabricCurve, format);
    }

    /// <summary>
    /// An Ed25519 signer that delegates to <paramref name="sign"/>. Fabric 3 verifies Ed25519 over the
    /// message itself, so use it with <see cref="Hashes.None"/> (the function then receives the message,
    /// not a digest). The 64-byte signature is passed on unchanged; any other length fails with a
    /// <see cref="CryptographicException"/>.
    /// </summary>
    /// <param name="sign">Signs a message.</param>
    public static ISigner CreateEd25519(Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>> sign)
    {
        ArgumentNullException.ThrowIfNull(sign);
        return new DelegateSigner(sign, null, SignatureFormat.Ed25519);
    }
}
