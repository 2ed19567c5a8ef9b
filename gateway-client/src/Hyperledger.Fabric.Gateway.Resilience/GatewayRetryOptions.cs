using Polly;

namespace Hyperledger.Fabric.Gateway.Resilience;

/// <summary>Limits of a gateway retry pipeline (see docs/resilience.md).</summary>
public sealed record GatewayRetryOptions
{
    /// <summary>Retries after the first attempt; 0 disables retrying. Default 3.</summary>
    public int MaxRetryAttempts { get; init; } = 3;

    /// <summary>Base delay before the first retry. Default 200 ms.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Cap on any one delay. Default 5 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How the delay grows between retries. Default <see cref="DelayBackoffType.Exponential"/>.</summary>
    public DelayBackoffType BackoffType { get; init; } = DelayBackoffType.Exponential;

    /// <summary>Randomise delays so that many clients do not retry in step. Default true.</summary>
    public bool UseJitter { get; init; } = true;

    /// <summary>Called before each retry with the attempt number (0-based) and the exception that caused it. Default none.</summary>
    public Action<int, Exception>? OnRetry { get; init; }
}
