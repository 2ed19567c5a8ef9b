using System.CommandLine;

namespace HealthRecords.Cli.Internal;

/// <summary>The options every command accepts (<c>Recursive</c>, so they may come before or after the command).</summary>
internal sealed class GlobalOptions
{
    /// <summary>Environment variable naming the connection profile.</summary>
    public const string ProfileVariable = "HREC_PROFILE";

    /// <summary>Environment variable naming the default identity.</summary>
    public const string IdentityVariable = "HREC_IDENTITY";

    /// <summary>The profile used when neither <c>--profile</c> nor <c>HREC_PROFILE</c> is given.</summary>
    public const string DefaultProfile = ".devnet/connection-profile.json";

    public Option<string?> Profile { get; } = new("--profile", "-p")
    {
        Description = $"Connection profile (default: ${ProfileVariable}, else {DefaultProfile} or $HREC_DEVNET_DATA/connection-profile.json, which 'hrec network up' writes)",
        Recursive = true,
    };

    public Option<string?> Identity { get; } = new("--identity", "-i")
    {
        Description = $"Identity to act as: a name from the profile's x-hrec.identities (default: ${IdentityVariable})",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Machine-readable output: one JSON document on standard output; errors as JSON on standard error",
        Recursive = true,
    };
}
