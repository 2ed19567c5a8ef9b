using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Hyperledger.Fabric.Gateway;
using Hyperledger.Fabric.Identity;
using HealthRecords.Client;
using HealthRecords.Client.Profiles;

namespace HealthRecords.Cli.Internal;

/// <summary>
/// One invocation's state: the global options, the output, the profile (loaded on first use) and one
/// gateway per identity used (the demo acts as several). Disposing closes the gateways.
/// </summary>
internal sealed class CliContext : IDisposable
{
    private readonly string? _profileOption;
    private readonly string? _identityOption;
    private readonly Dictionary<string, HealthRecordsClient> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HsmSignerFactory> _hsmFactories = new(StringComparer.Ordinal);
    private readonly List<HsmSigner> _hsmSigners = [];
    private ConnectionProfileFile? _profile;

    public CliContext(ParseResult parseResult, GlobalOptions options, TextWriter output, TextWriter error)
    {
        _profileOption = parseResult.GetValue(options.Profile);
        _identityOption = parseResult.GetValue(options.Identity);
        Output = new CliOutput(output, error, parseResult.GetValue(options.Json));
    }

    /// <summary>A context over an already loaded profile (the demo, which starts its own network).</summary>
    public CliContext(CliOutput output, string profilePath)
    {
        Output = output;
        _profileOption = profilePath;
    }

    public CliOutput Output { get; }

    /// <summary>
    /// The profile path: <c>--profile</c>, else <c>HREC_PROFILE</c>, else the one <c>network up</c> writes in
    /// its default data folder (<c>HREC_DEVNET_DATA</c>, else <c>.devnet</c>).
    /// </summary>
    public string ProfilePath => _profileOption
        ?? NonEmpty(Environment.GetEnvironmentVariable(GlobalOptions.ProfileVariable))
        ?? Path.Combine(DevNetworkState.DefaultData, "connection-profile.json");

    public ConnectionProfileFile Profile => _profile ??= ConnectionProfileFile.Load(ProfilePath);

    /// <summary>The identity name: <c>--identity</c>, else <c>HREC_IDENTITY</c>; a usage error when neither is set.</summary>
    public string IdentityName => _identityOption
        ?? NonEmpty(Environment.GetEnvironmentVariable(GlobalOptions.IdentityVariable))
        ?? throw CliException.Usage(
            "this command acts as an identity: give --identity <name> (or set HREC_IDENTITY)",
            "known identities: " + string.Join(", ", Profile.Identities.Keys.Order(StringComparer.Ordinal)));

    /// <summary>The typed client acting as <paramref name="identityName"/> (default: <see cref="IdentityName"/>).</summary>
    public HealthRecordsClient Client(string? identityName = null) => Session(identityName ?? IdentityName);

    /// <summary>The gateway acting as <paramref name="identityName"/> (default: <see cref="IdentityName"/>).</summary>
    public IGateway Gateway(string? identityName = null) =>
        Session(identityName ?? IdentityName).Gateway ?? throw new InvalidOperationException("the client does not own a gateway");

    /// <summary>The certificate of a profile identity.</summary>
    public X509Certificate2 Certificate(string identityName)
    {
        var identity = Profile.GetIdentity(identityName);
        return X509Identity.FromPemFile(identity.MspId, identity.CertificatePath).Certificate;
    }

    /// <summary>The client identity id (<c>x509::subject::issuer</c>) and MSP id of a profile identity.</summary>
    public (string MspId, string Id) ClientId(string identityName)
    {
        var identity = Profile.GetIdentity(identityName);
        var x509 = X509Identity.FromPemFile(identity.MspId, identity.CertificatePath);
        return (x509.MspId, x509.Id);
    }

    /// <summary>
    /// The patient a command is about: <paramref name="explicitPatient"/>, else the acting identity's
    /// <c>hrec.patient</c> certificate attribute (patients and their devices).
    /// </summary>
    public string PatientId(string? explicitPatient, string? identityName = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPatient))
        {
            return explicitPatient;
        }

        var name = identityName ?? IdentityName;
        var attributes = CertificateAttributes.Read(Certificate(name));
        return attributes.TryGetValue("hrec.patient", out var patient) && patient.Length > 0
            ? patient
            : throw CliException.Usage($"give --patient: identity '{name}' is not bound to a patient (no hrec.patient attribute)");
    }

    public void Dispose()
    {
        foreach (var client in _sessions.Values)
        {
            // The client owns its gateway (HealthRecordsClient.Connect) and closes it.
            client.Dispose();
        }

        _sessions.Clear();

        // PKCS#11 signers close their sessions before their factories unload the modules.
        foreach (var signer in _hsmSigners)
        {
            signer.Dispose();
        }

        foreach (var factory in _hsmFactories.Values)
        {
            factory.Dispose();
        }

        _hsmSigners.Clear();
        _hsmFactories.Clear();
    }

    private HealthRecordsClient Session(string identityName)
    {
        if (_sessions.TryGetValue(identityName, out var client))
        {
            return client;
        }

        var profile = Profile;
        var identity = profile.GetIdentity(identityName);
        var options = new HealthRecordsClientOptions { VerifiedReads = profile.CreateVerifiedReadOptions() };
        client = identity.Hsm is not null
            ? HealthRecordsClient.Connect(profile.Profile, CreateGatewayOptions(identityName), options)
            : HealthRecordsClient.Connect(profile.Profile, identityName, options);
        _sessions[identityName] = client;
        return client;
    }

    /// <summary>
    /// Gateway options acting as <paramref name="identityName"/>: its PEM key, or a signer in its PKCS#11 token
    /// that this context closes when disposed.
    /// </summary>
    public GatewayOptions CreateGatewayOptions(string identityName)
    {
        var identity = Profile.GetIdentity(identityName);
        return identity.Hsm is { } hsm
            ? Profile.Profile.CreateGatewayOptions(identityName, OpenHsmSigner(identityName, hsm))
            : Profile.Profile.CreateGatewayOptions(identityName);
    }

    /// <summary>
    /// The identity's PEM key file, for what needs the private key itself (CMS decryption, CMS signing); a usage
    /// error for a key in a PKCS#11 token, which only signs Fabric transactions here.
    /// </summary>
    public static string RequireKeyFile(ConnectionProfileIdentity identity, string purpose) =>
        identity.KeyPath ?? throw new CliException(
            ExitCodes.Usage,
            "HSM_KEY_UNSUPPORTED",
            $"identity '{identity.Name}' keeps its key in a PKCS#11 token, and hrec cannot {purpose} with a token key",
            "use an identity with a keyPath for this command; HSM identities sign transactions only");

    /// <summary>Loads the identity's PKCS#11 module and opens its key; the context disposes both.</summary>
    private HsmSigner OpenHsmSigner(string identityName, ConnectionProfileHsm hsm)
    {
        HsmSignerOptions signerOptions;
        try
        {
            signerOptions = hsm.ToSignerOptions();
        }
        catch (InvalidOperationException e)
        {
            throw CliException.Usage($"identity '{identityName}': {e.Message}", "export the PIN in that variable, or run with it set");
        }

        // One factory per module: a PKCS#11 module is initialised once per process.
        if (!_hsmFactories.TryGetValue(hsm.LibraryPath, out var factory))
        {
            factory = HsmSignerFactory.Create(hsm.LibraryPath);
            _hsmFactories[hsm.LibraryPath] = factory;
        }

        // Sessions are synchronous here (the typed client is created on first use); NewSignerAsync bounds the
        // wait by HsmSignerOptions.Timeout, and the CLI has no synchronisation context to deadlock on.
        var signer = factory.NewSignerAsync(signerOptions).GetAwaiter().GetResult();
        _hsmSigners.Add(signer);
        return signer;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
