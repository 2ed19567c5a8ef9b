namespace HealthRecords.Client;

/// <summary>How the delay of a <see cref="BoundedRetryOptions"/> retry grows.</summary>
public enum RetryBackoffType
{
    /// <summary>Every delay is <see cref="BoundedRetryOptions.Delay"/>.</summary>
    Constant,

    /// <summary>The n-th delay (1-based) is n times <see cref="BoundedRetryOptions.Delay"/>.</summary>
    Linear,

    /// <summary>Each delay doubles the one before, from <see cref="BoundedRetryOptions.Delay"/>.</summary>
    Exponential,
}
