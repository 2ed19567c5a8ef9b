using System.Security.Cryptography;

namespace Hyperledger.Fabric.Identity.Internal;

/// <summary>
/// Wraps a caller-supplied signing function (HSM, remote or offline signer) whose output format was
/// stated at creation: ECDSA DER or IEEE P1363 becomes low-S DER for the stated curve; Ed25519 is
/// checked for length and passed on.
/// </summary>
internal sealed class DelegateSigner : ISigner
{
    private const int Ed25519SignatureSize = 64;
    private readonly Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>> _sign;
    private readonly FabricCurve? _curve;
    private readonly SignatureFormat _format;

    /// <param name="sign">The signing function.</param>
    /// <param name="curve">The ECDSA key's curve; null only for <see cref="SignatureFormat.Ed25519"/>.</param>
    /// <param name="format">What <paramref name="sign"/> returns.</param>
    public DelegateSigner(Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>> sign, FabricCurve? curve, SignatureFormat format)
    {
        _sign = sign;
        _curve = curve;
        _format = format;
    }

    public async ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default)
    {
        var signature = await _sign(digest, cancellationToken).ConfigureAwait(false);
        if (signature is null || signature.Length == 0)
        {
            throw new CryptographicException("the custom signing function returned no signature");
        }

        switch (_format)
        {
            case SignatureFormat.Ed25519:
                if (signature.Length != Ed25519SignatureSize)
                {
                    throw new CryptographicException($"the custom signing function was declared Ed25519 but returned {signature.Length} bytes, not {Ed25519SignatureSize}");
                }

                return signature;

            case SignatureFormat.IeeeP1363:
                var curve = _curve!;
                if (signature.Length != 2 * curve.FieldSize)
                {
                    throw new CryptographicException(
                        $"the custom signing function was declared IEEE P1363 on {curve.Name} but returned {signature.Length} bytes, not {2 * curve.FieldSize}");
                }

                return EcdsaSignatures.ToLowS(DerSignature.FromP1363(signature), curve);

            default:
                if (!DerSignature.TryDecode(signature, out _, out _))
                {
                    throw new CryptographicException(
                        $"the custom signing function was declared DER but returned {signature.Length} bytes that are not a DER ECDSA-Sig-Value with positive r and s");
                }

                return EcdsaSignatures.ToLowS(signature, _curve!);
        }
    }
}
