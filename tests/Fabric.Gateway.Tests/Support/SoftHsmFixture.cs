using System.Diagnostics;
using System.Formats.Asn1;
using System.Security.Cryptography;
using Fabric.Identity;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using TestSupport;

namespace Fabric.Gateway.Tests.Support;

/// <summary>
/// A SoftHSM2 token of the tests' own, in a temporary folder (SOFTHSM2_CONF points SoftHSM2 at it), and
/// one <see cref="HsmSignerFactory"/> over it. Keys are generated inside the token, non-extractable.
/// </summary>
public sealed class SoftHsmFixture : IAsyncLifetime, IDisposable
{
    public const string Library = "/usr/lib/softhsm/libsofthsm2.so";
    public const string TokenLabel = "fabric-tests";
    public const string Pin = "98765432";

    private readonly TemporaryDirectory _directory = new();
    private readonly Pkcs11InteropFactories _factories = new();

    public const string KeyLabel = "org1-user-hsm";

    // The key is generated through a handle of our own on the PKCS#11 library, closed (C_Finalize)
    // before the factory under test loads the library, so the two never share a Cryptoki instance.
    private IPkcs11Library? _admin;

    /// <summary>The public half of the P-256 key generated in the token (the private half never leaves it).</summary>
    public ECDsa PublicKey { get; private set; } = null!;

    /// <summary>The private key's CKA_SENSITIVE and CKA_EXTRACTABLE, as the token reported them after generation.</summary>
    public (bool Sensitive, bool Extractable) KeyFlags { get; private set; }

    public HsmSignerFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Library), $"SoftHSM2 is not installed ({Library}); .ci/run installs the softhsm2 package");
        var tokens = Path.Combine(_directory.Path, "tokens");
        Directory.CreateDirectory(tokens);
        var conf = Path.Combine(_directory.Path, "softhsm2.conf");
        await File.WriteAllTextAsync(conf, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n");
        NativeMethods.SetNativeEnvironmentVariable("SOFTHSM2_CONF", conf);
        var init = new ProcessStartInfo("softhsm2-util", ["--init-token", "--free", "--label", TokenLabel, "--pin", Pin, "--so-pin", "12345678"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        init.Environment["SOFTHSM2_CONF"] = conf;
        using var process = Process.Start(init)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync().WaitAsync(TestTimeouts.Short);
        await process.WaitForExitAsync().WaitAsync(TestTimeouts.Short);
        Assert.True(process.ExitCode == 0, "softhsm2-util --init-token failed: " + await stderr);
        // HsmSignerFactory's static constructor teaches Pkcs11Interop where glibc's dlopen lives; run it
        // before this fixture loads the library itself.
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(HsmSignerFactory).TypeHandle);
        using (_admin = _factories.Pkcs11LibraryFactory.LoadPkcs11Library(_factories, Library, AppType.MultiThreaded))
        {
            PublicKey = GenerateKey(KeyLabel, [0x01, 0x02]);
            KeyFlags = PrivateKeyFlags(KeyLabel);
        }

        _admin = null;
        Factory = HsmSignerFactory.Create(Library);
    }

    /// <summary>Generates a P-256 key pair in the token (private part sensitive and non-extractable) and returns its public key.</summary>
    private ECDsa GenerateKey(string label, byte[] id)
    {
        var slot = _admin!.GetSlotList(SlotsType.WithTokenPresent).Single(s => s.GetTokenInfo().Label.TrimEnd() == TokenLabel);
        using var session = slot.OpenSession(SessionType.ReadWrite);
        Login(session);
        var attributes = _factories.ObjectAttributeFactory;
        var p256 = new AsnWriter(AsnEncodingRules.DER);
        p256.WriteObjectIdentifier("1.2.840.10045.3.1.7");
        session.GenerateKeyPair(
            _factories.MechanismFactory.Create(CKM.CKM_EC_KEY_PAIR_GEN),
            [
                attributes.Create(CKA.CKA_TOKEN, true), attributes.Create(CKA.CKA_VERIFY, true),
                attributes.Create(CKA.CKA_EC_PARAMS, p256.Encode()), attributes.Create(CKA.CKA_LABEL, label), attributes.Create(CKA.CKA_ID, id),
            ],
            [
                attributes.Create(CKA.CKA_TOKEN, true), attributes.Create(CKA.CKA_PRIVATE, true), attributes.Create(CKA.CKA_SIGN, true),
                attributes.Create(CKA.CKA_SENSITIVE, true), attributes.Create(CKA.CKA_EXTRACTABLE, false),
                attributes.Create(CKA.CKA_LABEL, label), attributes.Create(CKA.CKA_ID, id),
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

    /// <summary>The private key's CKA_SENSITIVE and CKA_EXTRACTABLE, as the token reports them.</summary>
    private (bool Sensitive, bool Extractable) PrivateKeyFlags(string label)
    {
        var slot = _admin!.GetSlotList(SlotsType.WithTokenPresent).Single(s => s.GetTokenInfo().Label.TrimEnd() == TokenLabel);
        using var session = slot.OpenSession(SessionType.ReadOnly);
        Login(session);
        var key = session.FindAllObjects([_factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY), _factories.ObjectAttributeFactory.Create(CKA.CKA_LABEL, label)]).Single();
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

    public Task DisposeAsync()
    {
        Factory?.Dispose();
        PublicKey?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _directory.Dispose();
}
