using System.Text.Json;
using EndToEnd.Tests.Infrastructure;
using HealthRecords.Cli;
using HealthRecords.Cli.Demo;
using HealthRecords.Domain.Contracts;
using TestSupport;
using static EndToEnd.Tests.Infrastructure.Scenario;

namespace EndToEnd.Tests;

/// <summary>
/// The demo on a long-lived network (the suite's network: <c>HREC_PROFILE</c>'s, else its own dev network):
/// twice in a row, then the README's and the sample's consent grants, then once more. Every run must
/// behave the same and leave alice's consents as it found them.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class DemoRepeatTests(NetworkFixture network)
{
    [Fact]
    public async Task Demo_TwiceThenSampleConsentsThenAgain_EveryRunAsExpectedAndConsentsRestored()
    {
        await RunDemoAsync();
        await RunDemoAsync();

        // The README's example and what `make sample` grants: Org2MSP may read alice's lab results.
        using (var output = new StringWriter())
        using (var error = new StringWriter())
        {
            var readme = await HrecCommandLine.RunAsync(
                ["--profile", network.ProfilePath, "-i", Alice, "consent", "grant", "--to-org", "Org2MSP", "-c", "laboratory", "--days", "30"], output, error).WithTimeout();
            Assert.True(readme == ExitCodes.Success, $"exit {readme}\n{output}\n{error}");
        }

        await network.Client(Alice).GrantConsentAsync(new GrantConsentRequest(
            AlicePatientId, new Grantee("organization", "Org2MSP"), ["read"], new ConsentScope(["laboratory"]), "treatment")).WithTimeout();
        var before = await ActiveConsentTermsAsync();

        var text = await RunDemoHumanAsync();

        Assert.Contains("suspended", text, StringComparison.Ordinal);
        Assert.Contains("granted again", text, StringComparison.Ordinal);
        Assert.Equal(before, await ActiveConsentTermsAsync());
    }

    /// <summary>The demo with its human output, which says what it suspended and restored.</summary>
    private async Task<string> RunDemoHumanAsync()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await HrecCommandLine.RunAsync(["--profile", network.ProfilePath, "demo"], output, error).WaitAsync(TimeSpan.FromMinutes(3));

        var text = output.ToString();
        Assert.True(exitCode == ExitCodes.Success, $"exit {exitCode}\n{text}\n{error}");
        Assert.DoesNotContain("UNEXPECTED", text, StringComparison.Ordinal);
        Assert.Contains("Demo completed successfully.", text, StringComparison.Ordinal);
        return text;
    }

    private async Task RunDemoAsync()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await HrecCommandLine.RunAsync(["--profile", network.ProfilePath, "--json", "demo"], output, error).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(exitCode == ExitCodes.Success, $"exit {exitCode}\n{output}\n{error}");
        using var document = JsonDocument.Parse(output.ToString());
        var steps = document.RootElement.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(DemoSteps.Scenario.Count + 1, steps.Count);
        Assert.All(steps, s => Assert.True(s.GetProperty("asExpected").GetBoolean(), s.GetRawText()));
    }

    /// <summary>alice's active consents as comparable terms (grantee, actions, scope, purpose), ids left out.</summary>
    private async Task<List<string>> ActiveConsentTermsAsync()
    {
        var terms = new List<string>();
        string? bookmark = null;
        do
        {
            var page = await network.Client(Alice).ListConsentsAsync(new ListConsentsRequest(AlicePatientId, 200, bookmark)).WithTimeout();
            terms.AddRange(page.Consents.Where(c => c.Status == "active").Select(c =>
                $"{c.Grantee.Type}:{c.Grantee.Value} {string.Join("+", c.Actions)} {string.Join(",", c.Scope.Categories ?? [])} {c.Purpose} {c.ValidUntil?.ToUnixTimeSeconds()}"));
            bookmark = page.Bookmark.Length > 0 ? page.Bookmark : null;
        }
        while (bookmark is not null);

        terms.Sort(StringComparer.Ordinal);
        return terms;
    }
}
