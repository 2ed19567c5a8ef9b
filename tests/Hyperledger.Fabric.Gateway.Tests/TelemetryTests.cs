using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hyperledger.Fabric.Gateway.Tests.Support;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>
/// The gateway's spans and metrics against the dev network. Other tests run at the same time, so each test
/// starts its own root activity and looks only at spans and measurements of that trace.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class TelemetryTests : IDisposable
{
    private static readonly ActivitySource TestSource = new("Hyperledger.Fabric.Gateway.Tests.Telemetry");
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ConcurrentQueue<(ActivityTraceId Trace, string Instrument, string? Operation, string? Outcome)> _measured = new();
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();
    private readonly NetworkFixture _fixture;

    public TelemetryTests(NetworkFixture fixture)
    {
        _fixture = fixture;
        _activities = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_activities);
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GatewayTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Measured(instrument, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Measured(instrument, tags));
        _meters.Start();
    }

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    [Fact]
    public async Task SubmitTransactionAsync_DevNetwork_SpanPerStepTaggedWithGrpcSpansUnderThem()
    {
        using var gateway = _fixture.Connect(_fixture.Org1Peer);
        var contract = gateway.GetNetwork(_fixture.Channel).GetContract(NetworkFixture.ChaincodeName);
        var proposal = contract.NewProposal("put", new ProposalOptions().WithArguments(NetworkFixture.NewKey("telemetry"), "v"));
        ActivityTraceId trace;
        using (var root = TestSource.StartActivity("test-root")!)
        {
            trace = root.TraceId;
            var submitted = await (await proposal.EndorseAsync().WithTimeout()).SubmitAsync().WithTimeout();
            Assert.True((await submitted.GetStatusAsync().WithTimeout()).Successful);
        }

        var spans = _stopped.Where(a => a.TraceId == trace).ToList();
        foreach (var name in new[] { "fabric.endorse", "fabric.submit", "fabric.commit_status" })
        {
            var stage = Assert.Single(spans, a => a.Source.Name == GatewayTelemetry.Name && a.OperationName == name);
            Assert.Equal(_fixture.Channel, stage.GetTagItem(GatewayTelemetry.ChannelTag));
            Assert.Equal(NetworkFixture.ChaincodeName, stage.GetTagItem(GatewayTelemetry.ChaincodeTag));
            Assert.Equal(proposal.TransactionId, stage.GetTagItem(GatewayTelemetry.TransactionIdTag));
            Assert.Equal("ok", stage.GetTagItem(GatewayTelemetry.OutcomeTag));
            Assert.Contains(spans, a => a.ParentSpanId == stage.SpanId && a.Source.Name != GatewayTelemetry.Name);
        }

        var commit = spans.Single(a => a.OperationName == "fabric.commit_status");
        Assert.Equal("Valid", commit.GetTagItem(GatewayTelemetry.ValidationCodeTag));
    }

    [Fact]
    public async Task EvaluateAsync_ChaincodeFails_SpanAndMetricsCarryOutcome()
    {
        using var gateway = _fixture.Connect(_fixture.Org1Peer);
        var contract = gateway.GetNetwork(_fixture.Channel).GetContract(NetworkFixture.ChaincodeName);
        ActivityTraceId trace;
        GatewayException error;
        using (var root = TestSource.StartActivity("test-root")!)
        {
            trace = root.TraceId;
            await contract.EvaluateTransactionAsync("get", NetworkFixture.NewKey("present")).WithTimeout();
            error = await Assert.ThrowsAsync<GatewayException>(() => contract.EvaluateTransactionAsync("no-such-function").WithTimeout());
        }

        var evaluations = _stopped.Where(a => a.TraceId == trace && a.OperationName == "fabric.evaluate").ToList();
        Assert.Equal(["ok", error.StatusCode.ToString()], evaluations.Select(a => (string?)a.GetTagItem(GatewayTelemetry.OutcomeTag)));
        Assert.Equal(ActivityStatusCode.Error, evaluations[1].Status);
        var measured = _measured.Where(m => m.Trace == trace).ToList();
        Assert.Equal(2, measured.Count(m => m.Instrument == GatewayTelemetry.CallsMetric && m.Operation == "evaluate"));
        Assert.Equal(2, measured.Count(m => m.Instrument == GatewayTelemetry.DurationMetric && m.Operation == "evaluate"));
        Assert.Contains(measured, m => m.Instrument == GatewayTelemetry.CallsMetric && m.Outcome == error.StatusCode.ToString());
    }

    [Fact]
    public async Task GetChaincodeEventsAsync_DevNetwork_StreamSpanEndsWhenLoopIsLeft()
    {
        using var gateway = _fixture.Connect(_fixture.Org1Peer);
        var network = gateway.GetNetwork(_fixture.Channel);
        var contract = network.GetContract(NetworkFixture.ChaincodeName);
        var key = NetworkFixture.NewKey("telemetry-event");
        var committed = await contract.SubmitAsync("put", new ProposalOptions().WithArguments(key, "v")).WithTimeout();
        var status = await committed.GetStatusAsync().WithTimeout();
        ActivityTraceId trace;
        using (var root = TestSource.StartActivity("test-root")!)
        {
            trace = root.TraceId;
            using var cts = new CancellationTokenSource(TestTimeouts.Long);
            await foreach (var e in network.GetChaincodeEventsAsync(NetworkFixture.ChaincodeName, new ChaincodeEventsOptions { StartBlock = status.BlockNumber }, cts.Token))
            {
                if (e.TransactionId == committed.TransactionId)
                {
                    break;
                }
            }
        }

        var stream = Assert.Single(_stopped, a => a.TraceId == trace && a.OperationName == "fabric.chaincode_events");
        Assert.Equal(NetworkFixture.ChaincodeName, stream.GetTagItem(GatewayTelemetry.ChaincodeTag));
        Assert.Equal("cancelled", stream.GetTagItem(GatewayTelemetry.OutcomeTag));
        Assert.Contains(_stopped, a => a.ParentSpanId == stream.SpanId && a.Source.Name != GatewayTelemetry.Name);
    }

    private void Measured(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // The gateway records inside the step's span, so the current trace says whose call it was.
        if (Activity.Current is not { } current)
        {
            return;
        }

        string? operation = null, outcome = null;
        foreach (var (key, value) in tags)
        {
            operation = key == GatewayTelemetry.OperationTag ? value as string : operation;
            outcome = key == GatewayTelemetry.OutcomeTag ? value as string : outcome;
        }

        _measured.Enqueue((current.TraceId, instrument.Name, operation, outcome));
    }
}
