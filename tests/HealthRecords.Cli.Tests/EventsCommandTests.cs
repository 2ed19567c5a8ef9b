using System.Text.Json;
using HealthRecords.Cli.Tests.Infrastructure;

namespace HealthRecords.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class EventsCommandTests(CliNetworkFixture network)
{
    // Chaincode events name patients and actors: the channel's ACLs keep them for organisation admins and peers.
    private const string Admin = "Admin@org1.example.com";

    [Fact]
    public async Task Follow_PatientIdentity_RefusedWithDeniedAndTheAdminHint()
    {
        var json = await network.RunAsync("--json", "events", "follow", "-i", "alice", "--start-block", "0", "--count", "1");
        var text = await network.RunAsync("events", "follow", "-i", "alice", "--start-block", "0", "--count", "1");

        Assert.Equal(ExitCodes.Denied, json.ExitCode);
        using var error = JsonDocument.Parse(json.Error);
        Assert.Equal("PERMISSION_DENIED", error.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(ExitCodes.Denied, text.ExitCode);
        Assert.Contains("hint: whole blocks and chaincode events are for organisation admins and peers", text.Error, StringComparison.Ordinal);
        Assert.Contains("Admin@org1.example.com", text.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Follow_FromFirstBlock_PrintsCommittedEventsAsJsonLines()
    {
        var file = network.WriteFile("event-source.txt", "a record whose addition emits an event");
        var added = await network.RunAsync("--json", "record", "add", file, "-i", "hospital-doctor", "--patient", "pt-alice", "-c", "laboratory", "-t", "Observation");
        Assert.Equal(ExitCodes.Success, added.ExitCode);

        var result = await network.RunAsync("--json", "events", "follow", "-i", Admin, "--start-block", "0", "--count", "2");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        foreach (var line in lines)
        {
            using var document = JsonDocument.Parse(line);
            Assert.False(string.IsNullOrEmpty(document.RootElement.GetProperty("name").GetString()));
            Assert.StartsWith("pt-", document.RootElement.GetProperty("payload").GetProperty("patientId").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Follow_LiveWithPatientFilter_ReceivesTheNextRecordAdded()
    {
        using var stop = new CancellationTokenSource(TestSupport.TestTimeouts.Long);
        var follow = Hrec.RunAsync(["--profile", network.ProfilePath, "events", "follow", "-i", Admin, "--patient", "pt-bob", "--count", "1"], stop.Token);
        var file = network.WriteFile("live-event.txt", "bob's live event");
        CliResult? added = null;

        // The stream starts at the next block; keep adding until the follower has seen one (it may subscribe after the first add).
        for (var attempt = 0; attempt < 10 && !follow.IsCompleted; attempt++)
        {
            added = await network.RunAsync("--json", "record", "add", file, "-i", "clinic-doctor", "--patient", "pt-bob", "-c", "laboratory", "-t", "Observation");
            Assert.Equal(ExitCodes.Success, added.ExitCode);
            await Task.WhenAny(follow, Task.Delay(500));
        }

        var result = await follow;

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("RecordAdded: patient pt-bob by Org2MSP/provider", result.Output, StringComparison.Ordinal);
    }
}
