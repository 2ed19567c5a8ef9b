namespace EndToEnd.Tests.Infrastructure;

/// <summary>
/// A test that starts its own dev network whatever the environment says: skipped when <c>HREC_PROFILE</c>
/// names a network, so that <c>make test-integration NETWORK=test-network</c> counts only tests that ran
/// against that network.
/// </summary>
public sealed class DevNetworkOnlyFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when <c>HREC_PROFILE</c> is set.</summary>
    public DevNetworkOnlyFactAttribute()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("HREC_PROFILE")))
        {
            Skip = "starts its own dev network; HREC_PROFILE names another network";
        }
    }
}
