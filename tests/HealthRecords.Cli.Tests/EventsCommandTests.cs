using System.Text.Json;
using HealthRecords.Cli.Tests.Infrastructure;

namespace HealthRecords.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class EventsCommandTests(CliNetworkFixture network)
{
    [Fact]
    public async Task Follow_FromFirstBlock_PrintsCommittedEventsAsJsonLines()
    {
        var file = network.WriteFile("event-source.txt", "a record whose addition emits an event");
        var added = await network.RunAsync("--json", "record", "add", file, "-i", "hospital-doctor", "--patient", "pt-alice", "-c", "laboratory", "-t", "Observation");
        Assert.Equal(ExitCodes.Success, added.ExitCode);

        var result = await network.RunAsync("--json", "events", "follow", "-i", "auditor", "--start-block", "0", "--count", "2");

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
        var follow = Hrec.RunAsync(["--profile", network.ProfilePath, "events", "follow", "-i", "auditor", "--patient", "pt-bob", "--count", "1"], stop.Token);
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
