using Hyperledger.Fabric.Identity.Internal;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Hyperledger.Fabric.Identity;

/// <summary>
/// Signers whose private keys stay in a PKCS#11 token (an HSM, SoftHSM2), in the shape of the official
/// Go client's HSM signer factory: one factory per PKCS#11 library, one signer per key. Keys are ECDSA
/// P-256 or P-384; the token signs the digest (<c>CKM_ECDSA</c>) and its r || s output becomes low-S DER.
/// </summary>
/// <remarks>The factory owns the loaded library; dispose signers before their factory.</remarks>
public sealed class HsmSignerFactory : IDisposable
{
    private readonly Pkcs11InteropFactories _factories = new();
    private readonly IPkcs11Library _library;
    private int _disposed;

    static HsmSignerFactory()
    {
        Pkcs11NativeLibraries.EnsureRegistered();
    }

    private HsmSignerFactory(IPkcs11Library library, string libraryPath)
    {
        _library = library;
        LibraryPath = libraryPath;
    }

    /// <summary>The PKCS#11 library's path.</summary>
    public string LibraryPath { get; }

    /// <summary>Loads the PKCS#11 library at <paramref name="libraryPath"/> (e.g. <c>/usr/lib/softhsm/libsofthsm2.so</c>).</summary>
    /// <param name="libraryPath">The PKCS#11 module.</param>
    /// <exception cref="HsmException">The library is missing or is not a PKCS#11 module.</exception>
    public static HsmSignerFactory Create(string libraryPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(libraryPath);
        if (!File.Exists(libraryPath))
        {
            throw new HsmException($"PKCS#11 library {libraryPath} not found");
        }

        var factories = new Pkcs11InteropFactories();
        try
        {
            return new HsmSignerFactory(factories.Pkcs11LibraryFactory.LoadPkcs11Library(factories, libraryPath, AppType.MultiThreaded), libraryPath);
        }
        catch (Exception e) when (e is Pkcs11Exception or UnmanagedException or DllNotFoundException)
        {
            throw new HsmException($"cannot load PKCS#11 library {libraryPath}: {e.Message}", (e as Pkcs11Exception)?.RV.ToString(), e);
        }
    }

    /// <summary>
    /// Opens a session on the token <paramref name="options"/> names, logs in with its PIN and finds the
    /// private key; the key never leaves the token. The signer keeps the session until disposed.
    /// </summary>
    /// <param name="options">Token, PIN and key.</param>
    /// <param name="cancellationToken">Cancels the wait (the token call itself cannot be interrupted).</param>
    /// <exception cref="HsmException">No such token or key, a wrong PIN, an unsupported key, or no answer within <see cref="HsmSignerOptions.Timeout"/>.</exception>
    public async Task<HsmSigner> NewSignerAsync(HsmSignerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (options.TokenLabel is null && options.Slot is null)
        {
            throw new ArgumentException("HsmSignerOptions needs TokenLabel or Slot", nameof(options));
        }

        if (options.KeyLabel is null && options.KeyId is null)
        {
            throw new ArgumentException("HsmSignerOptions needs KeyLabel or KeyId", nameof(options));
        }

        var open = Task.Run(() => Open(options), cancellationToken);
        try
        {
            return await open.WaitAsync(options.Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            // The session may still open later: close it then, so nothing is left logged in.
            _ = open.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            throw new HsmException($"the PKCS#11 token did not open a session within {options.Timeout.TotalSeconds:0.#} s", null, e);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _library.Dispose();
        }
    }

    private HsmSigner Open(HsmSignerOptions options)
    {
        var token = Describe(options);
        ISlot slot;
        try
        {
            var slots = _library.GetSlotList(SlotsType.WithTokenPresent);
            slot = slots.FirstOrDefault(s => options.Slot is { } id
                    ? s.SlotId == id
                    : string.Equals(s.GetTokenInfo().Label.TrimEnd(), options.TokenLabel, StringComparison.Ordinal))
                ?? throw new HsmException($"no PKCS#11 token {token} in {LibraryPath}");
        }
        catch (Pkcs11Exception e)
        {
            throw new HsmException($"cannot list the tokens of {LibraryPath}: {e.RV}", e.RV.ToString(), e);
        }

        var session = slot.OpenSession(SessionType.ReadOnly);
        try
        {
            try
            {
                session.Login(CKU.CKU_USER, options.Pin);
            }
            catch (Pkcs11Exception e) when (e.RV != CKR.CKR_USER_ALREADY_LOGGED_IN)
            {
                var why = e.RV is CKR.CKR_PIN_INCORRECT or CKR.CKR_PIN_INVALID or CKR.CKR_PIN_LEN_RANGE ? "the PIN is wrong" : e.RV.ToString();
                throw new HsmException($"login to PKCS#11 token {token} failed: {why} ({e.RV})", e.RV.ToString(), e);
            }

            var template = new List<IObjectAttribute> { _factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY) };
            if (options.KeyLabel is not null)
            {
                template.Add(_factories.ObjectAttributeFactory.Create(CKA.CKA_LABEL, options.KeyLabel));
            }

            if (options.KeyId is { } keyId)
            {
                template.Add(_factories.ObjectAttributeFactory.Create(CKA.CKA_ID, keyId.ToArray()));
            }

            var keys = session.FindAllObjects(template);
            var key = keys.Count switch
            {
                1 => keys[0],
                0 => throw new HsmException($"no private key {DescribeKey(options)} in PKCS#11 token {token}", "CKR_KEY_HANDLE_INVALID", null),
                _ => throw new HsmException($"{keys.Count} private keys match {DescribeKey(options)} in PKCS#11 token {token}; give both label and CKA_ID"),
            };
            var attributes = session.GetAttributeValue(key, [CKA.CKA_KEY_TYPE, CKA.CKA_EC_PARAMS]);
            if (attributes[0].GetValueAsUlong() != (ulong)CKK.CKK_EC)
            {
                throw new HsmException($"private key {DescribeKey(options)} is not an EC key: Fabric HSM identities use ECDSA P-256 or P-384");
            }

            var curve = CurveOf(attributes[1].GetValueAsByteArray())
                ?? throw new HsmException($"private key {DescribeKey(options)} is on an unsupported curve: Fabric identities use ECDSA P-256 or P-384");
            return new HsmSigner(session, key, curve, _factories.MechanismFactory.Create(CKM.CKM_ECDSA), options.Timeout, $"{DescribeKey(options)} in token {token}");
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static FabricCurve? CurveOf(byte[] ecParameters)
    {
        try
        {
            var oid = new System.Formats.Asn1.AsnReader(ecParameters, System.Formats.Asn1.AsnEncodingRules.DER).ReadObjectIdentifier();
            return oid switch
            {
                FabricCurve.P256Oid => FabricCurve.P256,
                FabricCurve.P384Oid => FabricCurve.P384,
                _ => null,
            };
        }
        catch (System.Formats.Asn1.AsnContentException)
        {
            return null;
        }
    }

    private static string Describe(HsmSignerOptions options) =>
        options.TokenLabel is not null ? $"'{options.TokenLabel}'" : $"in slot {options.Slot}";

    private static string DescribeKey(HsmSignerOptions options) =>
        string.Join(" ", new[]
        {
            options.KeyLabel is null ? null : $"labelled '{options.KeyLabel}'",
            options.KeyId is { } id ? $"with CKA_ID {Convert.ToHexStringLower(id.Span)}" : null,
        }.Where(s => s is not null));
}
