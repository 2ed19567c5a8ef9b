using Hyperledger.Fabric.Identity.Internal;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Hyperledger.Fabric.Identity;

/// <summary>
/// An <see cref="ISigner"/> whose ECDSA key stays in a PKCS#11 token; made by <see cref="HsmSignerFactory.NewSignerAsync"/>.
/// Signatures come back as low-S DER. Calls are serialised on the signer's one session. Dispose to close it (the token logs out when the application's last session closes).
/// </summary>
public sealed class HsmSigner : ISigner, IDisposable
{
    private readonly ISession _session;
    private readonly IObjectHandle _key;
    private readonly IMechanism _mechanism;
    private readonly TimeSpan _timeout;
    private readonly string _description;
    private readonly ISigner _normaliser;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _disposed;

    internal HsmSigner(ISession session, IObjectHandle key, FabricCurve curve, IMechanism mechanism, TimeSpan timeout, string description)
    {
        _session = session;
        _key = key;
        _mechanism = mechanism;
        _timeout = timeout;
        _description = description;
        Curve = curve.Name;
        _normaliser = new DelegateSigner(SignInTokenAsync, curve, SignatureFormat.IeeeP1363);
    }

    /// <summary>The key's curve: <c>P-256</c> or <c>P-384</c>.</summary>
    public string Curve { get; }

    /// <inheritdoc />
    /// <exception cref="HsmException">The token refused or did not answer within the options' timeout.</exception>
    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _normaliser.SignAsync(digest, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // No C_Logout: login state is shared by all of the application's sessions on the token, and
        // closing the last of them logs out.
        _session.Dispose();
        _gate.Dispose();
    }

    private async ValueTask<byte[]> SignInTokenAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken)
    {
        var data = digest.ToArray();
        if (!await _gate.WaitAsync(_timeout, cancellationToken).ConfigureAwait(false))
        {
            throw new HsmException($"the PKCS#11 token did not sign with key {_description} within {_timeout.TotalSeconds:0.#} s (busy)");
        }

        var sign = Task.Run(() => _session.Sign(_mechanism, _key, data), CancellationToken.None);
        try
        {
            return await sign.WaitAsync(_timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new HsmException($"the PKCS#11 token did not sign with key {_description} within {_timeout.TotalSeconds:0.#} s", null, e);
        }
        catch (Pkcs11Exception e)
        {
            throw new HsmException($"the PKCS#11 token refused to sign with key {_description}: {e.RV}", e.RV.ToString(), e);
        }
        finally
        {
            // Release only when the token call is over, so the next signature never overlaps it.
            _ = sign.ContinueWith(_ => _gate.Release(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }
}
