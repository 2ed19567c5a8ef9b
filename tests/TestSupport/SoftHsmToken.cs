using System.Diagnostics;
using System.Formats.Asn1;
using System.Security.Cryptography;
using Hyperledger.Fabric.Identity;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace TestSupport;

/// <summary>
/// A SoftHSM2 token of the tests' own, in a temporary folder (SOFTHSM2_CONF, set in the native environment,
/// points SoftHSM2 at it), holding one P-256 key pair generated inside it: the private key is sensitive and
/// non-extractable. The key is generated through a library handle of this class's own that is finalised
/// (C_Finalize) before it returns, so an <see cref="HsmSignerFactory"/> (or hrec) can load the module next.
/// </summary>
public sealed class SoftHsmToken : IDisposable
{
    /// <summary>SoftHSM2's PKCS#11 module (the Debian package's path).</summary>
    public const string Library = "/usr/lib/softhsm/libsofthsm2.so";
    /// <summary>The token's label.</summary>
    public const string TokenLabel = "fabric-tests";
    /// <summary>The token's user PIN.</summary>
    public const string Pin = "98765432";
    /// <summary>The private key's CKA_LABEL.</summary>
    public const string KeyLabel = "org1-user-hsm";
    /// <summary>The private key's CKA_ID.</summary>
    public static readonly byte[] KeyId = [0x01, 0x02];

    private readonly TemporaryDirectory _directory;

    private SoftHsmToken(TemporaryDirectory directory, ECDsa publicKey, (bool Sensitive, bool Extractable) keyFlags)
    {
        _directory = directory;
        PublicKey = publicKey;
        KeyFlags = keyFlags;
    }

    /// <summary>The public half of the P-256 key generated in the token (the private half never leaves it).</summary>
    public ECDsa PublicKey { get; }

    /// <summary>The private key's CKA_SENSITIVE and CKA_EXTRACTABLE, as the token reported them after generation.</summary>
    public (bool Sensitive, bool Extractable) KeyFlags { get; }

    /// <summary>Initialises the token and generates the key. One token per test process: SOFTHSM2_CONF is process-wide.</summary>
    public static async Task<SoftHsmToken> CreateAsync()
    {
        if (!File.Exists(Library))
        {
            throw new InvalidOperationException($"SoftHSM2 is not installed ({Library}); .ci/run installs the softhsm2 package");
        }

        var directory = new TemporaryDirectory();
        var tokens = Path.Combine(directory.Path, "tokens");
        Directory.CreateDirectory(tokens);
        var conf = Path.Combine(directory.Path, "softhsm2.conf");
        await File.WriteAllTextAsync(conf, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n").ConfigureAwait(false);
        NativeMethods.SetNativeEnvironmentVariable("SOFTHSM2_CONF", conf);
        var init = new ProcessStartInfo("softhsm2-util", ["--init-token", "--free", "--label", TokenLabel, "--pin", Pin, "--so-pin", "12345678"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        init.Environment["SOFTHSM2_CONF"] = conf;
        using (var process = Process.Start(init)!)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync().WaitAsync(TestTimeouts.Short).ConfigureAwait(false);
            await process.WaitForExitAsync().WaitAsync(TestTimeouts.Short).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException("softhsm2-util --init-token failed: " + await stderr.ConfigureAwait(false));
            }
        }

        // HsmSignerFactory's static constructor teaches Pkcs11Interop where glibc's dlopen lives; run it
        // before loading the library here.
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(HsmSignerFactory).TypeHandle);
        var factories = new Pkcs11InteropFactories();
        using var admin = factories.Pkcs11LibraryFactory.LoadPkcs11Library(factories, Library, AppType.MultiThreaded);
        var slot = admin.GetSlotList(SlotsType.WithTokenPresent).Single(s => s.GetTokenInfo().Label.TrimEnd() == TokenLabel);
        var publicKey = GenerateKey(factories, slot);
        return new SoftHsmToken(directory, publicKey, PrivateKeyFlags(factories, slot));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        PublicKey.Dispose();
        _directory.Dispose();
    }

    private static ECDsa GenerateKey(Pkcs11InteropFactories factories, ISlot slot)
    {
        using var session = slot.OpenSession(SessionType.ReadWrite);
        Login(session);
        var attributes = factories.ObjectAttributeFactory;
        var p256 = new AsnWriter(AsnEncodingRules.DER);
        p256.WriteObjectIdentifier("1.2.840.10045.3.1.7");
        session.GenerateKeyPair(
            factories.MechanismFactory.Create(CKM.CKM_EC_KEY_PAIR_GEN),
            [
                attributes.Create(CKA.CKA_TOKEN, true), attributes.Create(CKA.CKA_VERIFY, true),
                attributes.Create(CKA.CKA_EC_PARAMS, p256.Encode()), attributes.Create(CKA.CKA_LABEL, KeyLabel), attributes.Create(CKA.CKA_ID, KeyId),
            ],
            [
                attributes.Create(CKA.CKA_TOKEN, true), attributes.Create(CKA.CKA_PRIVATE, true), attributes.Create(CKA.CKA_SIGN, true),
                attributes.Create(CKA.CKA_SENSITIVE, true), attributes.Create(CKA.CKA_EXTRACTABLE, false),
                attributes.Create(CKA.CKA_LABEL, KeyLabel), attributes.Create(CKA.CKA_ID, KeyId),
            ],
            out var publicKey,
            out _);
        var point = session.GetAttributeValue(publicKey, [CKA.CKA_EC_POINT])[0].GetValueAsByteArray();
        var q = new AsnReader(point, AsnEncodingRules.DER).ReadOctetString();
        return ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = q[1..33], Y = q[33..65] },
        });
    }

    private static (bool Sensitive, bool Extractable) PrivateKeyFlags(Pkcs11InteropFactories factories, ISlot slot)
    {
        using var session = slot.OpenSession(SessionType.ReadOnly);
        Login(session);
        var key = session.FindAllObjects([factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY), factories.ObjectAttributeFactory.Create(CKA.CKA_LABEL, KeyLabel)]).Single();
        var values = session.GetAttributeValue(key, [CKA.CKA_SENSITIVE, CKA.CKA_EXTRACTABLE]);
        return (values[0].GetValueAsBool(), values[1].GetValueAsBool());
    }

    private static void Login(ISession session)
    {
        try
        {
            session.Login(CKU.CKU_USER, Pin);
        }
        catch (Pkcs11Exception e) when (e.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
            // another session of this process is logged in: the token is already open to us
        }
    }
}
